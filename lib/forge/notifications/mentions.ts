/**
 * `@bob@b.test` and `@bob` in a text. Foreign input: a text may hold ten thousand of them, so
 * only the first MENTION_SCAN_CHARS are read and at most MENTION_LIMIT distinct names kept; the
 * pattern's parts are bounded, so the scan is linear in the text.
 */
export const MENTION_LIMIT = 20;
export const MENTION_SCAN_CHARS = 64 * 1024;

// Not after a word character, `@`, `.` or `/` (an e-mail address, a path); a domain ends with a
// letter or digit, so `@bob@b.test.` at the end of a sentence names b.test.
const MENTION =
  /(?<![\w@./])@([a-z0-9][a-z0-9._+-]{0,63})(?:@([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?))?/gi;

export interface Mention {
  local: string;
  /** Absent for `@bob`: a user of the instance's own domain, if one is known by that name. */
  domain?: string;
}

export function parseMentions(text: string): Mention[] {
  const found = new Map<string, Mention>();
  for (const match of text.slice(0, MENTION_SCAN_CHARS).matchAll(MENTION)) {
    const local = match[1]!.replace(/[.]+$/, "").toLowerCase();
    const domain = match[2]?.toLowerCase();
    const key = `${local}@${domain ?? ""}`;
    if (!local || found.has(key)) continue;
    found.set(key, domain ? { local, domain } : { local });
    if (found.size >= MENTION_LIMIT) break;
  }
  return [...found.values()];
}

/**
 * The bare JIDs mentions name: `@bob@b.test` names bob@b.test, `@bob` a user of the instance's
 * own domain. Whether such a user is known here is notify.ts's to ask.
 */
export function mentionedJids(text: string, instanceDomain: string): string[] {
  const domain = instanceDomain.toLowerCase();
  const jids = parseMentions(text).map((mention) => `${mention.local}@${mention.domain ?? domain}`);
  return [...new Set(jids)];
}
