/** Text that is not a patch we can read; `line` is 1-based in the text given, when known. */
export class PatchParseError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(line === undefined ? reason : `line ${line}: ${reason}`);
    this.name = "PatchParseError";
  }
}

export interface ConflictPlace {
  readonly file: string;
  /** 1-based position of the hunk in its file's diff, and its `@@` line. */
  readonly hunk?: { readonly index: number; readonly header: string };
  /** 1-based position of the changeset in its series. */
  readonly changeset?: {
    readonly index: number;
    readonly count: number;
    readonly id: string;
    readonly subject: string;
  };
}

/** A patch that does not apply to the files it meets; the branch it was aimed at is unchanged. */
export class ApplyConflictError extends Error {
  readonly file: string;
  readonly hunk: ConflictPlace["hunk"];
  readonly changeset: ConflictPlace["changeset"];

  constructor(
    place: ConflictPlace,
    readonly reason: string,
  ) {
    super(describeConflict(place, reason));
    this.name = "ApplyConflictError";
    this.file = place.file;
    this.hunk = place.hunk;
    this.changeset = place.changeset;
  }

  /** The same conflict, told as part of a series. */
  inChangeset(changeset: NonNullable<ConflictPlace["changeset"]>): ApplyConflictError {
    return new ApplyConflictError({ file: this.file, hunk: this.hunk, changeset }, this.reason);
  }
}

function describeConflict({ file, hunk, changeset }: ConflictPlace, reason: string): string {
  const where = hunk ? `${file}, hunk ${hunk.index} (${hunk.header})` : file;
  const which = changeset
    ? `patch ${changeset.index}/${changeset.count} (${changeset.id.slice(0, 12)} “${changeset.subject}”) `
    : "";
  return `${which}does not apply: ${where}: ${reason}`.replace(/^./, (c) => c.toUpperCase());
}

/** A repository or SCM command that failed for a reason other than the patch's content. */
export class ScmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ScmError";
  }
}

/** A branch, tag or commit id that names nothing in the repository. */
export class UnknownRevisionError extends ScmError {
  constructor(
    readonly revision: string,
    options?: { cause?: unknown },
  ) {
    super(`no branch, tag or commit is named “${revision}”`, options);
    this.name = "UnknownRevisionError";
  }
}

/** Both sides of a merge changed the same files: nothing was written to the branch. */
export class MergeConflictError extends Error {
  constructor(readonly files: readonly string[]) {
    super(`The merge conflicts in ${files.join(", ")}: nothing was merged`);
    this.name = "MergeConflictError";
  }
}

/**
 * The branch moved between the moment a merge read it and the moment it was to be updated (a
 * push, usually): the branch is left as the push made it, and the merge can be tried again.
 */
export class TargetMovedError extends ScmError {
  constructor(readonly branch: string) {
    super(`branch “${branch}” moved while the merge was being prepared; nothing was merged`);
    this.name = "TargetMovedError";
  }
}

/**
 * The branch a merge request came from no longer points at its revision's last commit (a push
 * since, or it is gone): a commit meant to land on it would drop what was pushed. Nothing moved.
 */
export class SourceMovedError extends ScmError {
  constructor(readonly branch: string) {
    super(`branch “${branch}” is no longer at the revision's last commit; it was not updated`);
    this.name = "SourceMovedError";
  }
}

/** A fast-forward was asked for, but the branch has commits the merge request lacks. */
export class NotFastForwardError extends ScmError {
  constructor(readonly branch: string) {
    super(`branch “${branch}” has commits this revision is not based on: it cannot fast-forward`);
    this.name = "NotFastForwardError";
  }
}
