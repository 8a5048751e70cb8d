import type { FetchLimits } from "./guarded-http";
import type { RepositoryUrlPolicy } from "./url-policy";
/**
 * The SCM-agnostic model of `lib/scm`: what a patch series says, and the one
 * interface both Git and Mercurial implement. Nothing above `lib/scm` knows which SCM it talks to.
 */
import { z } from "zod";

/** Parse, don't cast: a project's `scm` comes from a form, an XMPP item or the database. */
export const ScmKindSchema = z.enum(["git", "hg"]);
export type ScmKind = z.infer<typeof ScmKindSchema>;

export interface Identity {
  readonly name: string;
  /** Empty when the SCM recorded only a name (Mercurial allows `user = alice`). */
  readonly email: string;
}

export type HunkLineKind = "context" | "add" | "del" | "noeol";

export interface HunkLine {
  readonly kind: HunkLineKind;
  /** Without the leading ` `/`+`/`-`; for `noeol`, the marker text after `\ `. */
  readonly text: string;
  /** 1-based line in the old file (context and deleted lines). */
  readonly oldLine?: number;
  /** 1-based line in the new file (context and added lines). */
  readonly newLine?: number;
}

export interface Hunk {
  /** The `@@ … @@` line as written in the patch. */
  readonly header: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  /** The text after the closing `@@` (Git's function context), if any. */
  readonly section?: string;
  readonly lines: readonly HunkLine[];
}

/** One chunk of a `GIT binary patch`: the base85 lines kept as written, decoded only to apply. */
export interface BinaryChunk {
  readonly method: "literal" | "delta";
  /** Size of the inflated data: the file for a literal, the delta for a delta. */
  readonly size: number;
  readonly lines: readonly string[];
}

export type FileStatus = "added" | "deleted" | "modified" | "renamed" | "copied";

export interface FileDiff {
  /** As in `diff --git a/x b/x`, both paths name the file when it is added or deleted. */
  readonly oldPath: string;
  readonly newPath: string;
  readonly status: FileStatus;
  readonly binary: boolean;
  /** Octal mode strings as Git writes them: `100644`, `100755`, `120000`, `160000`. */
  readonly oldMode?: string;
  readonly newMode?: string;
  /** Percentage from `similarity index`, for renames and copies. */
  readonly similarity?: number;
  /** Blob ids of the `index` line; Git applies a binary patch only with full ids. */
  readonly index?: { readonly oldId: string; readonly newId: string };
  /** Absent for `Binary files … differ`, which says that the file changed but not how. */
  readonly binaryPatch?: { readonly forward: BinaryChunk; readonly reverse?: BinaryChunk };
  readonly hunks: readonly Hunk[];
}

export interface Changeset {
  /** Commit or changeset id as the series records it (40 hex digits for both SCMs). */
  readonly id: string;
  /** As far as the series tells: a format-patch series only knows its base and its own ids. */
  readonly parents: readonly string[];
  readonly author: Identity;
  /** ISO 8601 in the author's own UTC offset, e.g. `2026-01-01T00:00:00+01:00`. */
  readonly date: string;
  /** Without a trailing newline. */
  readonly message: string;
  readonly files: readonly FileDiff[];
}

export type ChangesetSummary = Omit<Changeset, "files">;

export interface Series {
  readonly kind: ScmKind;
  readonly text: string;
  readonly changesets: readonly Changeset[];
}

export interface Branch {
  readonly name: string;
  readonly head: string;
}

export interface LogRange {
  /** Leave out what this revision already has (`only(to, from)`, `from..to`). */
  readonly from?: string;
  readonly to: string;
  readonly limit?: number;
  /** How many of the newest to pass over first: paging. */
  readonly skip?: number;
  /** Only changesets that touch this file, or anything below this directory. */
  readonly path?: string;
}

export interface SeriesRange {
  readonly base: string;
  readonly head: string;
  /**
   * More commits than this are refused (ScmError) before any is read: a branch may bring any
   * history, and turning all of it into patches would cost without bound.
   */
  readonly maxCommits: number;
}

/** The refusal of a series longer than {@link SeriesRange.maxCommits}, alike for every SCM. */
export const tooManyCommits = (range: SeriesRange) =>
  `more than ${range.maxCommits} commits that “${range.base}” lacks: a merge request carries a series to review; rebase it onto “${range.base}”`;

/** Shaped like isomorphic-git's progress events so Git's can be passed through unchanged. */
export interface MirrorProgress {
  readonly phase: string;
  readonly loaded?: number;
  readonly total?: number;
}

/** How a mirror is fetched: the URL policy and limits default to the server's own. */
export interface MirrorOptions {
  readonly onProgress?: (progress: MirrorProgress) => void;
  readonly policy?: RepositoryUrlPolicy;
  readonly limits?: FetchLimits;
}

/** Who a push signs in as (HTTP Basic); it never goes on a command line or into a message. */
export interface PushCredential {
  readonly username: string;
  readonly password: string;
}

/** Where a push may go (the URL policy, as for fetches) and how long it may take. */
export interface PushOptions {
  readonly policy?: RepositoryUrlPolicy;
  readonly timeoutMs?: number;
}

export type TreeEntryKind = "file" | "dir" | "symlink" | "submodule";

export interface TreeEntry {
  readonly name: string;
  /** From the repository's root, `/`-separated. */
  readonly path: string;
  readonly kind: TreeEntryKind;
  readonly executable: boolean;
  /** Bytes, for files and symlinks (a symlink's size is its target's length). */
  readonly size?: number;
}

export interface FileBlob {
  readonly path: string;
  readonly kind: "file" | "symlink";
  readonly executable: boolean;
  readonly size: number;
  /** Absent when the file is larger than the limit it was read with. */
  readonly bytes?: Uint8Array;
  /** Binary for Git (a NUL byte near the start), or not UTF-8; false when `bytes` is absent. */
  readonly binary: boolean;
}

/** A diff as far as a size limit allowed: a cut diff keeps only the files before the cut. */
export interface CappedDiff {
  readonly files: readonly FileDiff[];
  readonly truncated: boolean;
}

export interface CommitDiff extends CappedDiff {
  readonly commit: ChangesetSummary;
}

export interface Comparison extends CappedDiff {
  /** Where `head` left `base`'s history; undefined when the two share none. */
  readonly mergeBase?: string;
  /** What `head` has that `base` lacks, newest first, at most the limit asked for. */
  readonly commits: readonly ChangesetSummary[];
  readonly moreCommits: boolean;
}

export interface BlameCommit {
  readonly id: string;
  readonly author: Identity;
  readonly date: string;
  readonly summary: string;
}

export interface BlameLine {
  /** The commit that last changed the line. */
  readonly commit: string;
  /** 1-based number of the line in that commit's version of the file. */
  readonly originalLine: number;
  /** Without its line break. */
  readonly text: string;
}

export interface Blame {
  readonly lines: readonly BlameLine[];
  readonly commits: ReadonlyMap<string, BlameCommit>;
}

/** A branch or tag with the commit it names (a tag's own object peeled). */
export interface RefTip {
  readonly name: string;
  readonly commit: ChangesetSummary;
}

/** Byte limits of a read: what is read beyond them is cut or left unread. */
export interface ReadLimit {
  readonly maxBytes: number;
}

export interface DiffLimits extends ReadLimit {
  /** Commits listed by a comparison at most. */
  readonly maxCommits?: number;
}

/** How a merge request lands on its target branch. */
export const MERGE_STRATEGIES = ["merge", "fast-forward", "squash", "rebase"] as const;
export const MergeStrategySchema = z.enum(MERGE_STRATEGIES);
export type MergeStrategy = z.infer<typeof MergeStrategySchema>;

/** What a merge of one revision of a merge request needs to know. */
export interface MergeInput {
  /** The target branch. */
  readonly branch: string;
  /** The revision's series, as published. */
  readonly series: string;
  /**
   * Git: the hidden ref holding the revision's commits (a push leaves them there); when it
   * does not exist, the series is made into commits on its base and kept there.
   */
  readonly revisionRef: string;
  readonly mergeMessage: string;
  readonly squashMessage: string;
  /** The committer of what a merge creates (merge commit, squashed commit). */
  readonly merger: Identity;
}

export type StrategyCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: "conflicts"; readonly files: readonly string[] }
  | { readonly ok: false; readonly reason: "not-fast-forward" }
  | { readonly ok: false; readonly reason: "unsupported" };

/** What each strategy would do to the branch now, found without moving it. */
export interface Mergeability {
  readonly targetTip: string;
  /** The branch already holds the revision's commits. */
  readonly alreadyMerged: boolean;
  /** Commits the branch has gained since the revision's base. */
  readonly targetAhead: number;
  readonly strategies: Readonly<Record<MergeStrategy, StrategyCheck>>;
}

/**
 * One commit added on top of a revision's series, made from edits of its files' text (applied
 * suggestions): the revision's commits are rebuilt as `merge` builds them, `rewrite` gives each
 * listed file's new text from its text at the series' tip, and the series with the new commit
 * is exported as `exportSeries` does.
 */
export interface SeriesCommitInput extends Pick<MergeInput, "branch" | "series" | "revisionRef"> {
  /** Files to rewrite, as the series' tip names them; each must be a UTF-8 text file there. */
  readonly paths: readonly string[];
  /** May throw (a suggestion that no longer matches): nothing is then committed. */
  readonly rewrite: (path: string, text: string) => string;
  readonly message: string;
  /** Author and committer of the new commit, dated now. */
  readonly author: Identity;
  readonly maxCommits: number;
  /**
   * The branch of this repository the series was exported from, if it was (Git only): the
   * commit is then made on the branch's own commits, and the branch moves to it only while it
   * still points at the series' last commit, by compare-and-swap; else SourceMovedError and
   * nothing moves.
   */
  readonly sourceBranch?: string;
}

export interface MergeOutcome {
  /** The commits the branch gained, oldest first. */
  readonly revisions: readonly string[];
}

export interface ScmAdapter {
  readonly kind: ScmKind;
  detect(dir: string): Promise<boolean>;
  /** Creates an empty repository in `dir`, to be pushed to (a project hosted here). */
  init(dir: string, defaultBranch: string): Promise<void>;
  /**
   * Clones `source` (a URL, or a local path the URL policy allows) into the bare mirror `dir`,
   * or brings it up to date.
   */
  mirror(source: string, dir: string, options?: MirrorOptions): Promise<void>;
  /**
   * Brings the local repository `source` into `dir` (created if need be) without dropping any
   * of `dir`'s own commits; returns the branches left as they are: `ahead` of the source (they
   * hold commits it lacks, and it has nothing new), or `diverged` (both moved on).
   */
  pull(source: string, dir: string): Promise<{ diverged: string[]; ahead: string[] }>;
  /**
   * Pushes `branch` of `dir` to `target` (an http(s) URL the URL policy allows), never forced:
   * a target that moved on refuses it, and the ScmError says so.
   */
  push(
    dir: string,
    target: string,
    branch: string,
    credential: PushCredential,
    options?: PushOptions,
  ): Promise<void>;
  branches(dir: string): Promise<Branch[]>;
  /** Newest first. */
  log(dir: string, range: LogRange): Promise<ChangesetSummary[]>;
  /** The changesets of `head` that `base` lacks, oldest first, as text the SCM's own import takes. */
  exportSeries(dir: string, range: SeriesRange): Promise<string>;
  parseSeries(text: string): Series;
  /** What each strategy would do; writes no branch (Git may keep the revision's commits). */
  mergeability(dir: string, input: MergeInput): Promise<Mergeability>;
  /**
   * Lands the revision on the branch with `strategy`, all or nothing: a MergeConflictError,
   * ApplyConflictError or NotFastForwardError when the strategy cannot, a TargetMovedError
   * when the branch moved meanwhile (compare-and-swap).
   */
  merge(dir: string, input: MergeInput, strategy: MergeStrategy): Promise<MergeOutcome>;
  /** The series with one more commit (SeriesCommitInput); moves no branch but `sourceBranch`. */
  commitOnSeries(dir: string, input: SeriesCommitInput): Promise<string>;

  // Reading, for the code browser. A `rev` is a branch, tag or commit id and a `path` is
  // relative to the root; both are checked by browse-input.ts before any SCM sees them, since
  // they come from URLs. A `rev` naming no commit is an ScmError, except for `resolve`.

  /** The commit `rev` names, or undefined when it names none. */
  resolve(dir: string, rev: string): Promise<ChangesetSummary | undefined>;
  /** The entries of a directory, directories first; undefined when `path` is no directory. */
  tree(dir: string, rev: string, path: string): Promise<TreeEntry[] | undefined>;
  /** A file, its bytes only up to the limit; undefined when `path` is not a file or link. */
  readFile(dir: string, rev: string, path: string, limit: ReadLimit): Promise<FileBlob | undefined>;
  /** One commit and its diff against its first parent. */
  commit(dir: string, rev: string, limit: ReadLimit): Promise<CommitDiff>;
  /** Who last changed each line of a text file. */
  blame(dir: string, rev: string, path: string): Promise<Blame>;
  /** Branches by name, or tags newest first. */
  refTips(dir: string, kind: "branch" | "tag"): Promise<RefTip[]>;
  /** What `head` adds to `base`: its commits, and the diff from their merge base to `head`. */
  compare(dir: string, base: string, head: string, limits: DiffLimits): Promise<Comparison>;
}
