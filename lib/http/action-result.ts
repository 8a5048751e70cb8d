import { ZodError, type core } from "zod";
import { ForgeError, type ForgeErrorCode, type ForgeItemKind } from "@/lib/forge/errors";
import { ApplyConflictError, PatchParseError, ScmError } from "@/lib/scm/errors";
import { XmppFailure } from "@/lib/xmpp/errors";
import { mergeBlockerText } from "@/lib/forge/merge-requests/merge-rules";
import { mergeStrategyLabel } from "@/lib/forge/merge-requests/strategy-labels";

/** What a failed server action tells its form: a message, and which field to mark. */
export interface ActionError {
  message: string;
  field?: string;
}

/** Names of form fields as the person sees them, for messages zod writes for us. */
const FIELD_LABELS: Record<string, string> = {
  title: "The title",
  bodyMarkdown: "The description",
  body: "The text",
  labels: "Labels",
  sourceUrl: "The source repository",
  sourceRef: "The source branch",
  targetBranch: "The target branch",
  cloneUrl: "The clone URL",
  defaultBranch: "The default branch",
  service: "The pubsub service",
  slug: "The short name",
  name: "The name",
  description: "The description",
  milestone: "The milestone",
  assignees: "Assignees",
  uri: "The address",
};

/** zod's own English ("Too big: expected string to have <=300 characters") is not for people. */
const ZOD_DEFAULT_MESSAGE = /^(Too (big|small): expected|Invalid (input|option|string|element)\b)/;

/** One zod issue as a sentence; messages the schemas spell out themselves are kept as they are. */
export function describeIssue(issue: core.$ZodIssue): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  const key = issue.path.find((part): part is string => typeof part === "string") ?? "";
  const field = FIELD_LABELS[key] ?? (key ? `“${key}”` : "This value");
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string"
        ? `${field} is too long: ${Number(issue.maximum).toLocaleString("en")} characters at most.`
        : `${field} has too many entries: ${Number(issue.maximum)} at most.`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) <= 1
        ? `${field} is required.`
        : `${field} is too short.`;
    case "invalid_type":
      return `${field} is missing.`;
    case "invalid_value":
      return `${field} must be one of: ${issue.values.map(String).join(", ")}.`;
    default:
      return `${field} is not valid.`;
  }
}

const ITEM_NAMES: Record<ForgeItemKind, string> = {
  ticket: "ticket",
  "merge-request": "merge request",
  comment: "comment",
};

const scmName = (kind: string) => (kind === "hg" ? "Mercurial" : "Git");

/** What people read for each refusal of the forge: one sentence per code. */
const FORGE_MESSAGES: { [C in ForgeErrorCode]: (error: ForgeError<C>) => string } = {
  "project-gone": () => "This project is not known here any more.",
  "project-exists": ({ data }) =>
    `A project “${data.slug}” already exists on ${data.service}. Pick another short name.`,
  "not-a-project-uri": () => "That XMPP URI does not name a Pubforge project node.",
  "not-a-project-address": () =>
    "Write a project's address as service/name (pubsub.example.org/project) or paste its xmpp: URI.",
  "sign-in-to-open": () =>
    "Sign in to open a project from another server: this instance follows only projects someone signed in opened.",
  "members-only-not-mirrored": () => "Members-only projects are not mirrored.",
  "home-is-here": () => "This project already lives on this instance's service.",
  "mirror-needs-maintainer": ({ data }) =>
    `Only the project's owners and maintainers may mirror it here, and ${data.service} does not name you as one. Ask one of them to start the mirror.`,
  "item-gone": ({ data }) =>
    data.where === "cache"
      ? `This ${ITEM_NAMES[data.item]} no longer exists.`
      : `This ${ITEM_NAMES[data.item]} was deleted on its pubsub service.`,
  "unreadable-item": ({ data }) => `This ${data.item} cannot be edited here: ${data.reason}.`,
  "no-comments-node": () => "This item has no comments node, so it cannot take comments.",
  "not-comment-author": () => "Only the author of a comment can edit it.",
  "may-not-resolve": () =>
    "Only the thread's author, the merge request's author or a maintainer can resolve or reopen this thread.",
  "not-resolvable": () =>
    "Only threads on a line of the diff can be resolved; this comment is part of the general discussion.",
  "not-maintainer": () => "Only the project's maintainers can merge.",
  "not-author-or-maintainer": ({ data }) =>
    `Only whoever opened this merge request, or a maintainer of the project, can ${data.action}.`,
  "verdict-revision-gone": ({ data }) =>
    `Not sent: you reviewed revision ${data.shown}, and the merge request is now at revision ${data.revision}. Reload, look at the new revision, then give your verdict.`,
  "not-owner": () => "Only the project's owners may change its maintainers.",
  "timeline-not-updated": ({ cause }) =>
    `The ticket was saved, but the change could not be added to its timeline: ${
      knownMessage(cause) ?? logged(cause, "the server failed unexpectedly.")
    }`,
  "empty-page-title": () => "Put at least one letter or digit in the page title.",
  "page-exists": ({ data }) => `A page “${data.title}” already exists.`,
  "page-missing": () => "This page does not exist.",
  "revision-unreadable": ({ data }) => `Revision ${data.revision} of this page cannot be read.`,
  "revision-is-current": () => "The page already reads like that revision.",
  "edit-conflict": ({ data }) =>
    data.deleted
      ? `${data.publisher || "someone"} deleted or renamed this page since you opened it.`
      : `${data.publisher || "someone"} saved revision ${data.revision} since you opened this page. Reload it and try again.`,
  "saves-in-progress": () => "Too many saves of this page are in progress. Try again.",
  "no-wiki": () =>
    "This project has no wiki yet: an owner of the project has to save its first page.",
  "no-new-changes": ({ data }) =>
    `“${data.sourceRef}” has no changes that “${data.targetBranch}” lacks.`,
  "push-needs-session": ({ data }) =>
    `An access token alone does not publish in your name: push with your XMPP password, or sign in at ${data.instance} and push again.`,
  "no-such-branch": ({ data }) =>
    `There is no branch “${data.branch}” to open a merge request against.`,
  "too-many-saved-searches": ({ data }) =>
    `You have ${data.max} saved searches, the most this instance keeps. Delete one you no longer use, then save again.`,
  "saved-search-gone": () => "That saved search is already gone.",
  "patch-too-large": ({ data }) => `The patch is larger than ${data.maxBytes / 1024 / 1024} MB.`,
  "unreadable-patch": ({ data }) => `This is not a patch Pubforge can read: ${data.reason}.`,
  "patch-scm-mismatch": ({ data }) =>
    `This is a ${scmName(data.patch)} patch, but the project uses ${scmName(data.project)}.`,
  "series-unchanged": () => "The series has not changed since the last revision.",
  "suggestions-overlap": ({ data: { file, line, by } }) =>
    `The suggestions of ${by.join(" and ")} both change ${file} at line ${line}: apply one, then look at the other again.`,
  "suggestion-outdated": ({ data: { file, from, to, by } }) =>
    `${file} no longer has the lines ${from === to ? from : `${from}–${to}`} that ${by} made a suggestion on: the file changed since. Ask for a new suggestion on the latest revision.`,
  "no-suggestion": ({ data: { reason } }) => `Nothing to apply: ${reason}.`,
  "source-branch-moved": ({ data: { branch, revision } }) =>
    `Nothing was applied: the branch “${branch}” moved since revision ${revision} (someone pushed to it). Update the merge request from its branch, then apply the suggestion again.`,
  "source-branch-needs-maintainer": ({ data: { branch } }) =>
    `This merge request's commits are on the branch “${branch}” of the project's repository, which only maintainers update: ask a maintainer to apply the suggestion.`,
  "opened-from-patch": () =>
    "This merge request was opened from a patch; paste a new one to update it.",
  "already-merged": () => "This merge request is already merged.",
  "changed-since-shown": ({ data }) =>
    `Not merged: this merge request changed since the page was shown (it is now at revision ${data.revision}). Reload, review the change, then merge.`,
  "merge-blocked": ({ data }) => `Not merged. ${data.blockers.map(mergeBlockerText).join(" ")}`,
  "flagged-before-merge": ({ data }) =>
    `Not merged: ${data.by} changed this merge request without being its author or a maintainer. Revert or keep that change first.`,
  "no-repository": () => "The project has no repository to merge into.",
  "strategy-not-allowed": ({ data }) =>
    `This project does not allow merging by ${mergeStrategyLabel(data.strategy).toLowerCase()}. Reload the page and pick one of the ways it offers.`,
  "merge-conflicts": ({ data }) =>
    `Not merged: ${data.files.join(", ")} ${data.files.length === 1 ? "conflicts" : "conflict"} with the target branch. Ask the author to rebase the merge request onto it and publish a new revision.`,
  "target-moved": ({ data }) =>
    `Not merged: “${data.branch}” moved while the merge was being made (someone pushed). Nothing was lost; reload the page, check the merge box again and merge.`,
  "not-fast-forward": ({ data }) =>
    `Not merged: “${data.branch}” has commits this revision is not based on, so it cannot fast-forward. Merge with a merge commit or rebase instead, or ask for a rebased revision.`,
  "repository-not-hostable": ({ data }) =>
    `${data.service} is not this Pubforge's own pubsub service: only projects there have their repository hosted here. Choose that service, or give a clone URL.`,
  "push-mirror-needs-maintainer": ({ data }) =>
    `Only the project's owners and maintainers may set where its merges are pushed, and ${data.service} does not name you as one.`,
  "no-secret-key": () =>
    "This Pubforge has no key to store credentials with (PUBFORGE_SECRET_KEY). Ask its operator to set one.",
  "push-mirror-hosted-here": () =>
    "This project's repository is hosted here: there is no repository elsewhere to push merges to.",
  "no-push-mirror": () => "This project has no push mirror. Set one first.",
  "import-needs-owner": () =>
    "Only the project's owners may move its repository into hosting here.",
  "already-hosted": () => "This project's repository is already hosted here.",
  "token-gone": () => "That token does not exist any more: it may have been revoked already.",
  "not-flagged": () => "This is no longer flagged: someone already reverted or kept the change.",
  "overwrite-changed": () =>
    "It changed again since the page was shown. Reload the page and look at the new version.",
  "may-not-restore": ({ data }) =>
    `Only the project's maintainers${data.firstPublisher ? ` and ${data.firstPublisher}` : ""} can revert or keep this change.`,
  "no-trusted-version": () =>
    "This instance has kept no earlier version by its author or a maintainer to go back to. Edit it by hand, or keep it.",
  "moderators-only": () =>
    "Only the project's maintainers (its owners and publishers) may moderate it.",
  "no-moderation-nodes": () =>
    "This project has no moderation nodes yet: one of its owners has to block, delete or lock something first.",
  "cannot-block-self": () =>
    "That would block you yourself: enter someone else's address or domain.",
  "cannot-block-maintainer": ({ data }) =>
    `That would block ${data.maintainer}, a maintainer of this project: an owner has to remove their rights first.`,
  "not-in-project": () => "That item does not belong to this project.",
  "ci-bots-need-owner": () =>
    "Only the project's owners may allow or remove CI bots. Ask one of them.",
  "thread-locked": ({ data }) =>
    `This thread was locked by ${data.by}: only the project's maintainers may comment now.`,
};

function forgeMessage<C extends ForgeErrorCode>(error: ForgeError<C>): string {
  const describe: (error: ForgeError<C>) => string = FORGE_MESSAGES[error.code];
  return describe(error);
}

/** The sentence for an error this layer knows how to word; undefined for anything else. */
function knownMessage(error: unknown): string | undefined {
  if (error instanceof ForgeError) return forgeMessage(error);
  // lib/xmpp words its failures where it knows what was being done (see describeStanzaError).
  if (error instanceof XmppFailure) return error.message;
  // The SCM layer's messages name the branch, file or hunk at fault: the person needs them.
  if (error instanceof ApplyConflictError) return sentence(error.message);
  if (error instanceof PatchParseError) return `This patch cannot be read: ${error.message}.`;
  if (error instanceof ScmError) return sentence(error.message);
  return undefined;
}

/** Turns anything an operation throws into a message for the person; unexpected ones are logged. */
export function actionError(error: unknown): ActionError {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return issue
      ? { message: describeIssue(issue), field: issue.path.join(".") }
      : { message: "Check the form." };
  }
  return {
    message:
      knownMessage(error) ??
      logged(error, "Something went wrong on the server; nothing was published. Try again."),
  };
}

/** Unexpected errors are not shown as they are (they may say anything): logged, and summed up. */
function logged(error: unknown, summary: string): string {
  console.error("action failed unexpectedly", error);
  return summary;
}

function sentence(text: string): string {
  const capitalised = text.replace(/^./, (c) => c.toUpperCase());
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
