import type { DiffRow } from "@/lib/forge/wiki/diff";

const ROW_CLASS = {
  add: "bg-emerald-50 dark:bg-emerald-950/60",
  del: "bg-red-50 dark:bg-red-950/60",
  same: "",
} as const;
const SIGN = { add: "+", del: "−", same: " " } as const;

/** A line diff; every line is React text, so whatever a page contains is shown, not run. */
export function WikiDiffTable({ rows, label }: { rows: DiffRow[]; label: string }) {
  if (rows.every((row) => row.kind === "skip")) {
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">The texts are identical.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
      <table className="w-full border-collapse font-mono text-xs" aria-label={label}>
        <tbody>
          {rows.map((row, index) =>
            row.kind === "skip" ? (
              <tr
                key={index}
                className="bg-zinc-50 text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400"
              >
                <td colSpan={4} className="px-3 py-1">
                  ⋯ {row.count} unchanged {row.count === 1 ? "line" : "lines"}
                </td>
              </tr>
            ) : (
              <tr key={index} data-testid={`diff-${row.kind}`} className={ROW_CLASS[row.kind]}>
                <td className="w-10 select-none px-2 text-right text-zinc-500">
                  {row.kind === "add" ? "" : row.oldLine}
                </td>
                <td className="w-10 select-none px-2 text-right text-zinc-500">
                  {row.kind === "del" ? "" : row.newLine}
                </td>
                <td className="w-4 select-none text-center" aria-hidden>
                  {SIGN[row.kind]}
                </td>
                <td className="whitespace-pre-wrap break-all py-0.5 pr-3">
                  <span className="sr-only">
                    {row.kind === "add" ? "added: " : row.kind === "del" ? "removed: " : ""}
                  </span>
                  {row.text}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
