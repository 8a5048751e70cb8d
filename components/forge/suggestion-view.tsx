import type { Comment } from "@/lib/generated/prisma/client";
import type { SuggestionState } from "@/lib/forge/suggestions/view";
import type { FormAction, FormState } from "@/lib/http/form-state";
import { ApplySuggestionForm, SuggestionBatchForm } from "./suggestion-forms";

/**
 * A suggestion as a small diff (the lines it replaces, then the suggested ones) with, for
 * those who may apply it, its buttons. The comment's own rendering of the block is hidden by
 * the wrapper (SuggestionComment) so it is not shown twice as plain code.
 */
export function SuggestionView({
  state,
  comment,
  apply,
}: {
  state: SuggestionState;
  comment: Pick<Comment, "id">;
  apply?: { action: FormAction<FormState>; mergeRequestId: string };
}) {
  const { reading, appliedIn } = state;
  if (!reading.ok) {
    return (
      <p className="px-3 pb-2 text-sm text-zinc-600 dark:text-zinc-400">
        This suggestion cannot be applied: {reading.reason}.
      </p>
    );
  }
  const { suggestion } = reading;
  const range =
    suggestion.from === suggestion.to
      ? `line ${suggestion.to}`
      : `lines ${suggestion.from}–${suggestion.to}`;
  return (
    <section
      aria-label={`Suggested change to ${suggestion.file}, ${range}`}
      data-testid="suggestion"
      className="space-y-2"
    >
      <table className="mx-3 w-[calc(100%-1.5rem)] border-collapse font-mono text-xs">
        <caption className="py-1 text-left font-sans text-sm font-medium">
          Suggested change, {range}
          {appliedIn !== undefined ? (
            <span
              data-testid="suggestion-applied"
              className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
            >
              Applied in revision {appliedIn}
            </span>
          ) : null}
        </caption>
        <tbody>
          {suggestion.expected.map((line, i) => (
            <Row key={`del-${i}`} kind="del" text={line} />
          ))}
          {suggestion.lines.map((line, i) => (
            <Row key={`add-${i}`} kind="add" text={line} />
          ))}
        </tbody>
      </table>
      {apply && appliedIn === undefined ? (
        <ApplySuggestionForm
          action={apply.action}
          mergeRequestId={apply.mergeRequestId}
          commentId={comment.id}
        />
      ) : null}
    </section>
  );
}

function Row({ kind, text }: { kind: "add" | "del"; text: string }) {
  const style =
    kind === "add"
      ? "bg-emerald-50 text-emerald-950 dark:bg-emerald-950 dark:text-emerald-100"
      : "bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100";
  return (
    <tr className={style}>
      <td className="w-6 select-none px-1 text-center" aria-hidden="true">
        {kind === "add" ? "+" : "−"}
      </td>
      <td className="whitespace-pre-wrap break-all px-1">
        <span className="sr-only">{kind === "add" ? "Suggested: " : "Removed: "}</span>
        {text}
      </td>
    </tr>
  );
}

/** Hides the comment's own rendering of its suggestion block, which SuggestionView replaces. */
export const HIDE_SUGGESTION_CODE = "[&_pre:has(>code.language-suggestion)]:hidden";

/**
 * What the Files tab mounts for suggestions: each one's view under its comment, and the batch
 * form above the diff when there is something the viewer may apply.
 */
export function suggestionMounts(
  states: ReadonlyMap<string, SuggestionState>,
  apply: { action: FormAction<FormState>; mergeRequestId: string } | undefined,
): { commentFooter: (comment: Comment) => React.ReactNode; beforeDiff: React.ReactNode } {
  const open = [...states.values()].some(
    ({ reading, appliedIn }) => reading.ok && appliedIn === undefined,
  );
  return {
    commentFooter: (comment) => {
      const state = states.get(comment.id);
      return state ? <SuggestionView state={state} comment={comment} apply={apply} /> : null;
    },
    beforeDiff:
      apply && open ? (
        <SuggestionBatchForm action={apply.action} mergeRequestId={apply.mergeRequestId} />
      ) : null,
  };
}
