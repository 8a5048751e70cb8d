/**
 * A draft is a merge request whose title says so, as GitLab and Forgejo mark them: every
 * client, Libervia included, shows and sets it without a new field, and all readers agree.
 * Matched without regard to case; the cache's list filter matches the same prefixes.
 */
export const DRAFT_PREFIXES = ["Draft:", "[Draft]", "(Draft)", "WIP:", "[WIP]"] as const;

const PREFIX_TO_ADD = "Draft: ";

function draftPrefixAt(title: string, at = 0): string | undefined {
  const start = title.slice(at, at + 8).toLowerCase();
  return DRAFT_PREFIXES.find((prefix) => start.startsWith(prefix.toLowerCase()));
}

export function isDraftTitle(title: string): boolean {
  return draftPrefixAt(title) !== undefined;
}

/** The title marked as a draft, or with every draft prefix taken off ("Draft: WIP: x" → "x"). */
export function withDraft(title: string, draft: boolean): string {
  if (draft) return isDraftTitle(title) ? title : `${PREFIX_TO_ADD}${title}`;
  let at = 0;
  for (let prefix = draftPrefixAt(title); prefix; prefix = draftPrefixAt(title, at)) {
    at += prefix.length;
    while (/\s/.test(title.charAt(at))) at += 1;
  }
  return title.slice(at);
}
