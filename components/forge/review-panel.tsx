/**
 * The reviewers panel of a merge request: whom review was asked of and everyone who gave a
 * verdict, each with their latest verdict and whether it judged an older revision (stale);
 * the author and maintainers add and remove reviewers, whoever may comment gives a verdict.
 */
import type { LatestVerdict } from "@/lib/forge/merge-requests/review-rules";
import type { FormAction, FormState } from "@/lib/http/form-state";
import { AddReviewerForm, RemoveReviewerButton, VerdictForm } from "./review-forms";
import { VerdictBadge } from "./verdict-badge";

export function ReviewPanel({
  mergeRequestId,
  revision,
  reviewers,
  verdicts,
  requiredApprovals,
  reviewersAction,
  verdictAction,
}: {
  mergeRequestId: string;
  /** The current revision: verdicts on any other are stale. */
  revision: number;
  reviewers: readonly string[];
  verdicts: ReadonlyMap<string, LatestVerdict>;
  requiredApprovals: number;
  /** Given to the author and maintainers only. */
  reviewersAction?: FormAction<FormState>;
  /** Given to whoever may comment. */
  verdictAction?: FormAction<FormState>;
}) {
  const people = [...new Set([...reviewers, ...verdicts.keys()])];
  return (
    <section aria-labelledby="reviewers-heading" className="space-y-3" data-testid="review-panel">
      <h3 id="reviewers-heading" className="font-medium">
        Reviewers
      </h3>
      {requiredApprovals > 0 ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="required-approvals">
          Merging needs {requiredApprovals} approval{requiredApprovals === 1 ? "" : "s"} of the
          current revision from maintainers.
        </p>
      ) : null}
      {people.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">Nobody has been asked yet.</p>
      ) : (
        <ul className="space-y-2" data-testid="reviewers">
          {people.map((jid) => {
            const latest = verdicts.get(jid);
            return (
              <li key={jid} className="space-y-1" data-testid="reviewer" data-jid={jid}>
                <div className="flex flex-wrap items-center gap-1">
                  <span className="break-all font-medium">{jid}</span>
                  {reviewers.includes(jid) ? null : (
                    <span className="text-xs text-zinc-600 dark:text-zinc-400">(not asked)</span>
                  )}
                  {reviewersAction && reviewers.includes(jid) ? (
                    <RemoveReviewerButton
                      mergeRequestId={mergeRequestId}
                      jid={jid}
                      action={reviewersAction}
                    />
                  ) : null}
                </div>
                {latest ? (
                  <VerdictBadge verdict={latest.verdict} stale={latest.stale} />
                ) : (
                  <span className="text-xs text-zinc-600 dark:text-zinc-400">No verdict yet</span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {reviewersAction ? (
        <AddReviewerForm mergeRequestId={mergeRequestId} action={reviewersAction} />
      ) : null}
      {verdictAction ? (
        <VerdictForm mergeRequestId={mergeRequestId} revision={revision} action={verdictAction} />
      ) : null}
    </section>
  );
}
