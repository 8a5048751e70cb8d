import { statusLabel } from "@/lib/forge/statuses";

const STYLES: Record<string, string> = {
  queued: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  started: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  review: "bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-200",
  closed: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
  merged: "bg-purple-100 text-purple-900 dark:bg-purple-950 dark:text-purple-200",
  rejected: "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      data-testid="status-badge"
      data-status={status}
      className={`inline-block shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[status] ?? STYLES.closed}`}
    >
      {statusLabel(status)}
    </span>
  );
}

export function LabelChip({ label }: { label: string }) {
  return (
    <span className="inline-block rounded-md border border-zinc-300 px-1.5 py-0.5 text-xs text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
      {label}
    </span>
  );
}
