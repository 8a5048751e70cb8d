import { buttonClass } from "@/components/ui/button";

export type CodeView = "tree" | "blob" | "commits" | "blame";

/**
 * Picks the branch or tag a page shows: a plain GET form (it works without script and with
 * the keyboard alone) whose answer, the switch route, redirects to the same view at that
 * revision. A commit that is neither is shown as the current choice.
 */
export function RefSwitcher({
  action,
  view,
  path,
  current,
  branches,
  tags,
}: {
  action: string;
  view: CodeView;
  path: string;
  current: string;
  branches: readonly string[];
  tags: readonly string[];
}) {
  const known = branches.includes(current) || tags.includes(current);
  return (
    <form action={action} method="get" className="flex items-center gap-2">
      <input type="hidden" name="view" value={view} />
      <input type="hidden" name="path" value={path} />
      <label htmlFor="ref-switcher" className="text-sm font-medium">
        Branch or tag
      </label>
      <select
        id="ref-switcher"
        name="ref"
        defaultValue={current}
        className="max-w-56 rounded-md border border-zinc-300 bg-white px-2 py-1 font-mono text-sm text-zinc-900 focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        {known ? null : <option value={current}>{shortRevision(current)}</option>}
        <optgroup label="Branches">
          {branches.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </optgroup>
        {tags.length > 0 ? (
          <optgroup label="Tags">
            {tags.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </optgroup>
        ) : null}
      </select>
      <button type="submit" className={buttonClass("secondary", "py-1")}>
        Switch
      </button>
    </form>
  );
}

/** A commit id shortened as people quote them; a name as it is. */
export function shortRevision(rev: string): string {
  return /^[0-9a-f]{40}$/.test(rev) ? rev.slice(0, 12) : rev;
}
