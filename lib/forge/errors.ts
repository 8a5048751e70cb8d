import type { MergeStrategy, ScmKind } from "@/lib/scm/types";
import type { MergeBlocker } from "./merge-requests/merge-rules";

/** Things that can be gone from the cache or from their pubsub service. */
export type ForgeItemKind = "ticket" | "merge-request" | "comment";

/**
 * Each condition the forge refuses an operation for, with what a message about it needs.
 * Failures of XMPP itself (timeouts, stanza errors, lost connections) are `XmppFailure`s from
 * lib/xmpp instead; the words people read for both are in lib/http/action-result.ts.
 */
export interface ForgeErrorData {
  "project-gone": undefined;
  "project-exists": { slug: string; service: string };
  "not-a-project-uri": undefined;
  "not-a-project-address": undefined;
  "sign-in-to-open": undefined;
  "members-only-not-mirrored": undefined;
  "home-is-here": undefined;
  /** `service` is the project's home, which decides who its maintainers are. */
  "mirror-needs-maintainer": { service: string };
  /** `where`: missing from the cache, or from the service the cache says has it. */
  "item-gone": { item: ForgeItemKind; where: "cache" | "service" };
  /** Published by another client in a form this one cannot write back. */
  "unreadable-item": { item: "ticket" | "page"; reason: string };
  "no-comments-node": undefined;
  "not-comment-author": undefined;
  /** Only the thread's author, the merge request's or a maintainer resolves a thread. */
  "may-not-resolve": undefined;
  /** Only inline threads are resolved (lib/forge/comments/threads.ts). */
  "not-resolvable": undefined;
  "not-maintainer": undefined;
  /** Asking for review is for whoever opened the merge request, or a maintainer. */
  /** What they tried, as the end of "…can <action>". */
  "not-author-or-maintainer": { action: string };
  /** A verdict names the revision it judged: the page showed an older one than the current. */
  "verdict-revision-gone": { shown: number; revision: number };
  "not-owner": undefined;
  /** The ticket was published; its cause says why the timeline entry was not. */
  "timeline-not-updated": undefined;
  "empty-page-title": undefined;
  "page-exists": { title: string };
  "page-missing": undefined;
  "revision-unreadable": { revision: number };
  "revision-is-current": undefined;
  /** Someone else changed the page since the person opened it (see WikiConflictError). */
  "edit-conflict": { publisher: string; revision: number; deleted: boolean };
  "saves-in-progress": undefined;
  "no-wiki": undefined;
  "no-new-changes": { sourceRef: string; targetBranch: string };
  "patch-too-large": { maxBytes: number };
  "unreadable-patch": { reason: string };
  "patch-scm-mismatch": { patch: ScmKind; project: string };
  "series-unchanged": undefined;
  /** Two suggestions being applied together change the same line. */
  "suggestions-overlap": { file: string; line: number; by: string[] };
  /** The lines a suggestion was made on are no longer in the file as they were. */
  "suggestion-outdated": { file: string; from: number; to: number; by: string };
  /** The comment holds no suggestion Pubforge can apply (none, or not on new-side lines it shows). */
  "no-suggestion": { reason: string };
  /** The merge request's source branch (hosted here) moved since its latest revision. */
  "source-branch-moved": { branch: string; revision: number };
  /** Applying would move a branch of the hosted repository, which only maintainers push to. */
  "source-branch-needs-maintainer": { branch: string };
  /** Only the merge request's author or a maintainer applies suggestions. */
  "opened-from-patch": undefined;
  "already-merged": undefined;
  "changed-since-shown": { revision: number };
  /** Rules of the merge request itself (merge-rules.ts), not of its repository. */
  "merge-blocked": { blockers: MergeBlocker[] };
  /** The merge request, or its revision, was changed by someone a maintainer has not vouched for. */
  "flagged-before-merge": { by: string };
  "no-repository": undefined;
  /** A strategy the project's maintainers have not allowed (a hand-made form, or a stale page). */
  "strategy-not-allowed": { strategy: MergeStrategy };
  "merge-conflicts": { files: string[]; strategy: MergeStrategy };
  /** The branch moved (a push) between reading it and updating it: nothing was merged. */
  "target-moved": { branch: string };
  "not-fast-forward": { branch: string };
  "token-gone": undefined;
  "repository-not-hostable": { service: string };
  /** Revert or keep of an overwrite (items/restore.ts): nothing is flagged any more. */
  "not-flagged": undefined;
  /** The item changed again since the page with its flag was shown. */
  "overwrite-changed": undefined;
  /** Only maintainers and the item's first publisher may revert or keep an overwrite. */
  "may-not-restore": { firstPublisher: string };
  "no-trusted-version": undefined;
  /** Moderation (lib/forge/moderation): blocks, deletions, locks, the log. */
  "moderators-only": undefined;
  "no-moderation-nodes": undefined;
  "cannot-block-self": undefined;
  "cannot-block-maintainer": { maintainer: string };
  "not-in-project": undefined;
  "thread-locked": { by: string };
  /** Repository mirrors (lib/forge/repositories): `service` decides who the maintainers are. */
  "push-mirror-needs-maintainer": { service: string };
  "no-secret-key": undefined;
  "push-mirror-hosted-here": undefined;
  "no-push-mirror": undefined;
  "import-needs-owner": undefined;
  "already-hosted": undefined;
  "push-needs-session": { instance: string };
  "no-such-branch": { branch: string };
  /** Saved searches (lib/forge/search/saved.ts). */
  "too-many-saved-searches": { max: number };
  "saved-search-gone": undefined;
  /** CI bots (lib/forge/checks): only owners may change who publishes to a node. */
  "ci-bots-need-owner": undefined;
}

export type ForgeErrorCode = keyof ForgeErrorData;

type DataArguments<C extends ForgeErrorCode> = ForgeErrorData[C] extends undefined
  ? [data?: undefined, options?: ErrorOptions]
  : [data: ForgeErrorData[C], options?: ErrorOptions];

/**
 * Why the forge refused an operation, as a stable `code` (as isomorphic-git's errors have) and
 * the data a message needs. The message itself is the code: callers branch on `code`, and the
 * action layer words it for people.
 */
export class ForgeError<C extends ForgeErrorCode = ForgeErrorCode> extends Error {
  readonly data: ForgeErrorData[C];

  constructor(
    readonly code: C,
    ...[data, options]: DataArguments<C>
  ) {
    super(code, options);
    this.name = "ForgeError";
    this.data = data as ForgeErrorData[C];
  }
}
