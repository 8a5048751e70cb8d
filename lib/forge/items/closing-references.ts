/**
 * The tickets a merge request says it closes, as GitLab and Forgejo read them: `closes #12`,
 * `Fixes #3, #4 and #5`, `resolves: #7`, in its description or its commits' messages. Their
 * short numbers (number.ts), in order, each once. Foreign text: one pass, linear.
 */
const KEYWORD =
  /(?<![\p{L}\p{N}_])(?:clos(?:e[sd]?|ing)|fix(?:e[sd]|ing)?|resolv(?:e[sd]?|ing)):?/giu;

// After the keyword, or after a number: spaces, an optional `,` or `and`, then `#<number>`.
const NEXT_NUMBER = /[ \t]*(?:,[ \t]*|and[ \t]+)?#([1-9][0-9]{0,8})(?![\p{L}\p{N}_])/uy;

export function closingReferences(text: string): number[] {
  const found = new Set<number>();
  KEYWORD.lastIndex = 0;
  for (let keyword = KEYWORD.exec(text); keyword; keyword = KEYWORD.exec(text)) {
    NEXT_NUMBER.lastIndex = KEYWORD.lastIndex;
    // A keyword needs white space before its first number ("fixes#3" is a word, not a claim).
    if (!/[ \t]/.test(text.charAt(NEXT_NUMBER.lastIndex))) continue;
    for (let next = NEXT_NUMBER.exec(text); next; next = NEXT_NUMBER.exec(text)) {
      found.add(Number(next[1]));
      KEYWORD.lastIndex = NEXT_NUMBER.lastIndex;
    }
  }
  return [...found];
}
