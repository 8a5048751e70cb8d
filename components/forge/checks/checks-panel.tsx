import type { MergeRequestCheck } from "@/lib/generated/prisma/client";
import { CheckStatusSchema } from "@/lib/forge/checks/codec";
import { CHECK_STATUS_TEXT, type ChecksOutcome } from "@/lib/forge/checks/view";

const ICON = { pending: "◷", success: "✓", failure: "✗" } as const;
const TONE = {
  pending: "text-amber-800 dark:text-amber-300",
  success: "text-green-800 dark:text-green-300",
  failure: "text-red-700 dark:text-red-400",
} as const;

/** The icon is decoration: the word next to it says the status to everyone. */
function StatusText({ status }: { status: string }) {
  const known = CheckStatusSchema.safeParse(status);
  const key = known.success ? known.data : "pending";
  return (
    <span className={`inline-flex items-center gap-1 font-medium ${TONE[key]}`}>
      <span aria-hidden="true">{ICON[key]}</span>
      {CHECK_STATUS_TEXT[key]}
    </span>
  );
}

/**
 * What CI bots reported on the current revision (older revisions' checks do not count here).
 * A bot's link goes to its own pages: shown, never fetched, and followed without a referrer.
 */
export function ChecksPanel({
  revision,
  checks,
  required,
}: {
  revision: number;
  checks: readonly MergeRequestCheck[];
  required: readonly string[];
}) {
  const missing = required.filter((name) => !checks.some((check) => check.name === name));
  if (checks.length === 0 && missing.length === 0) return null;
  return (
    <section
      aria-labelledby="checks-heading"
      className="space-y-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="checks-panel"
    >
      <h3 id="checks-heading" className="font-semibold">
        Checks on revision {revision}
      </h3>
      <ul className="space-y-2">
        {checks.map((check) => (
          <li key={check.id} data-testid="check" data-name={check.name} data-status={check.status}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono">{check.name}</span>
              <StatusText status={check.status} />
              {required.includes(check.name) ? (
                <span className="text-xs text-zinc-600 dark:text-zinc-400">required</span>
              ) : null}
            </div>
            <p className="text-xs text-zinc-600 dark:text-zinc-400">by {check.publisher}</p>
            {check.summary ? (
              <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">
                {check.summary}
              </pre>
            ) : null}
            {check.url ? (
              <a
                href={check.url}
                rel="noopener noreferrer nofollow"
                target="_blank"
                className="text-accent-600 underline dark:text-accent-300"
              >
                Details<span className="sr-only"> of check {check.name} (opens another site)</span>
              </a>
            ) : null}
          </li>
        ))}
        {missing.map((name) => (
          <li key={name} data-testid="check" data-name={name} data-status="missing">
            <span className="font-mono">{name}</span>{" "}
            <span className="text-zinc-600 dark:text-zinc-400">required, not reported yet</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

const OUTCOME_TEXT: Record<ChecksOutcome, { icon: string; text: string; tone: string }> = {
  passed: { icon: ICON.success, text: "Checks passed", tone: TONE.success },
  failing: { icon: ICON.failure, text: "Checks failing", tone: TONE.failure },
  pending: { icon: ICON.pending, text: "Checks running", tone: TONE.pending },
};

/** The list row's word on the current revision's checks. */
export function ChecksOutcomeBadge({ outcome }: { outcome: ChecksOutcome | undefined }) {
  if (!outcome) return null;
  const { icon, text, tone } = OUTCOME_TEXT[outcome];
  return (
    <span className={`inline-flex items-center gap-1 text-xs ${tone}`} data-testid="mr-checks">
      <span aria-hidden="true">{icon}</span>
      {text}
    </span>
  );
}
