/**
 * Suggestion blocks in a comment's markdown: fenced code blocks whose info string is
 * `suggestion` (GitHub's and GitLab's convention), each holding the lines that replace the
 * commented line range. One pass over the lines, each looked at once, so hostile markdown
 * costs linear time; a fence left open is no suggestion (CommonMark would run it to the end of
 * the comment, which would suggest deleting what follows).
 */

/** More blocks than this in one comment are ignored: a suggestion is a small, local change. */
export const MAX_SUGGESTIONS_PER_COMMENT = 10;
/** A block of more lines than this is no suggestion (the comment itself is capped at 50,000 characters). */
export const MAX_SUGGESTION_LINES = 1_000;

export interface SuggestionBlock {
  /** The replacement lines, without line breaks; empty to delete the range. */
  readonly lines: readonly string[];
}

const OPENING = /^ {0,3}(`{3,}|~{3,})[ \t]*suggestion[ \t]*$/;

export function suggestionBlocks(markdown: string): SuggestionBlock[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: SuggestionBlock[] = [];
  // Any fence opens a block whose content is not markdown: a `suggestion` fence inside it is text.
  let open: { fence: string; suggestion: boolean; start: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (open) {
      if (closes(line, open.fence)) {
        const content = lines.slice(open.start, i);
        if (open.suggestion && content.length <= MAX_SUGGESTION_LINES)
          blocks.push({ lines: content });
        open = undefined;
        if (blocks.length === MAX_SUGGESTIONS_PER_COMMENT) break;
      }
      continue;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    // CommonMark: a backtick fence's info string has no backtick.
    if (!fence || (fence[1]![0] === "`" && fence[2]!.includes("`"))) continue;
    open = { fence: fence[1]!, suggestion: OPENING.test(line), start: i + 1 };
  }
  return blocks;
}

/** A closing fence: the opening's character, at least as many, nothing after but blanks. */
function closes(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length;
}
