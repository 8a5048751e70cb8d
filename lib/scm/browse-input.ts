import { ScmError } from "./errors";

/**
 * Revisions and paths the code browser reads come from URLs, so from anyone. Both are checked
 * here, before any SCM command sees them, against what a name or a path in a repository can
 * be: nothing an SCM would read as an option (`-…`), a revision expression (`main~2`,
 * `a..b`, `@{1}`, `:/text`) or a way out of the tree (`..`).
 */

export const MAX_REVISION_LENGTH = 256;
export const MAX_PATH_LENGTH = 4096;

/** A revision or path the browser will not hand to an SCM. */
export class RefusedInputError extends ScmError {
  constructor(
    readonly input: "revision" | "path",
    reason: string,
  ) {
    super(reason);
    this.name = "RefusedInputError";
  }
}

// C0 controls and DEL: no SCM allows them in names, and they would travel into hg's revsets.
const CONTROL = /[\x00-\x1f\x7f]/;
// Git's revision syntax (~ ^ : @{ ..), glob characters and the backslash: none can be in a
// Git ref name (git check-ref-format), and Mercurial refuses `:` in branch, tag and bookmark
// names.
const REVISION_SYNTAX = /[~^:?*[\\]|@\{|\.\./;

/** `rev` itself if it may name a branch, tag or commit; a RefusedInputError otherwise. */
export function checkRevision(rev: string): string {
  const refuse = (why: string) => new RefusedInputError("revision", `“${clip(rev)}” ${why}`);
  if (rev.length === 0) throw refuse("is empty: name a branch, tag or commit");
  if (rev.length > MAX_REVISION_LENGTH) {
    throw refuse(`is longer than ${MAX_REVISION_LENGTH} characters`);
  }
  if (rev.startsWith("-")) throw refuse("starts with “-”, which no branch or tag name may");
  if (CONTROL.test(rev)) throw refuse("holds a control character");
  if (rev !== rev.trim()) throw refuse("starts or ends with a space");
  if (REVISION_SYNTAX.test(rev)) {
    throw refuse("is an expression, not a name: give a branch, tag or commit id");
  }
  return rev;
}

/**
 * `path` itself if it is a path inside a repository (`""` is the root): `/`-separated names,
 * none of them empty, `.` or `..`.
 */
export function checkRepoPath(path: string): string {
  const refuse = (why: string) => new RefusedInputError("path", `the path “${clip(path)}” ${why}`);
  if (path === "") return path;
  if (path.length > MAX_PATH_LENGTH) throw refuse(`is longer than ${MAX_PATH_LENGTH} characters`);
  if (CONTROL.test(path)) throw refuse("holds a control character");
  for (const name of path.split("/")) {
    if (name === "") throw refuse("has an empty name (a leading, trailing or double “/”)");
    if (name === "." || name === "..") throw refuse(`has “${name}” in it`);
  }
  return path;
}

/** A commit id as both SCMs write it in full. */
export function isFullCommitId(text: string): boolean {
  return /^[0-9a-f]{40}$/.test(text);
}

function clip(text: string): string {
  const printable = text.replace(/[\x00-\x1f\x7f]/g, "�");
  return printable.length > 60 ? `${printable.slice(0, 57)}…` : printable;
}
