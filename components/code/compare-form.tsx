import { buttonClass } from "@/components/ui/button";

const fieldClass =
  "mt-1 w-56 max-w-full rounded-md border border-zinc-300 bg-white px-3 py-1.5 font-mono text-sm text-zinc-900 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

/**
 * Picks two revisions to compare (a GET form to the compare page, which redirects to
 * `…/compare/<base>...<head>`): branch and tag names are offered, any commit id is taken.
 */
export function CompareForm({
  action,
  base,
  head,
  names,
}: {
  action: string;
  base: string;
  head: string;
  names: readonly string[];
}) {
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="compare-base" className="block text-sm font-medium">
          Base <span className="font-normal text-zinc-600 dark:text-zinc-400">(merge into)</span>
        </label>
        <input
          id="compare-base"
          name="base"
          defaultValue={base}
          list="compare-refs"
          required
          className={fieldClass}
        />
      </div>
      <span aria-hidden="true" className="pb-2 font-mono">
        ...
      </span>
      <div>
        <label htmlFor="compare-head" className="block text-sm font-medium">
          Head <span className="font-normal text-zinc-600 dark:text-zinc-400">(changes from)</span>
        </label>
        <input
          id="compare-head"
          name="head"
          defaultValue={head}
          list="compare-refs"
          required
          className={fieldClass}
        />
      </div>
      <datalist id="compare-refs">
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <button type="submit" className={buttonClass("secondary")}>
        Compare
      </button>
    </form>
  );
}
