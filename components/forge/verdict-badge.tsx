import type { Verdict } from "@/lib/forge/comments/verdict";

const LOOK: Record<Verdict["value"], { text: string; className: string }> = {
  approve: {
    text: "Approved",
    className: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  },
  "request-changes": {
    text: "Changes requested",
    className: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  },
  comment: {
    text: "Reviewed",
    className: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  },
};

/**
 * A verdict in a word, with its revision. A stale one (another revision) says so in words too;
 * a premature one (given before this instance had seen its revision) counts for nothing and
 * says why.
 */
export function VerdictBadge({
  verdict,
  stale,
  premature = false,
}: {
  verdict: Verdict;
  stale: boolean;
  premature?: boolean;
}) {
  const look = LOOK[verdict.value];
  const counts = !stale && !premature;
  return (
    <span
      data-testid="verdict-badge"
      data-verdict={verdict.value}
      data-stale={stale ? "true" : "false"}
      data-premature={premature ? "true" : "false"}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${
        counts
          ? look.className
          : "bg-zinc-200 text-zinc-700 line-through dark:bg-zinc-800 dark:text-zinc-300"
      }`}
    >
      {look.text} · revision {verdict.revision}
      {premature ? (
        <span className="no-underline">(given before revision {verdict.revision} arrived)</span>
      ) : stale ? (
        <span className="no-underline">(stale)</span>
      ) : null}
    </span>
  );
}
