import type { Metadata } from "next";
import { PersonLink } from "@/components/forge/person-link";
import { WatchButton } from "@/components/forge/watch-button";
import { isWatching } from "@/lib/forge/notifications/operations";
import { setWatchAction } from "@/app/inbox/actions";
import Link from "next/link";
import { Fragment } from "react";
import { notFound } from "next/navigation";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { listRevisions } from "@/lib/cache/merge-requests";
import { findMergeRequestByRef } from "@/lib/forge/items/refs";
import { inlineCommentId, parseRevision, splitComments } from "@/lib/forge/merge-requests/view";
import { commentsOnRevision } from "@/lib/forge/merge-requests/comment-positions";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { offerToPageCache } from "@/lib/http/page-cache-offer";
import { MergeRequestCommits } from "@/components/forge/merge-request-commits";
import { MergeRequestControls } from "@/components/forge/merge-request-controls";
import { Backlinks } from "@/components/forge/backlinks";
import { visibleBacklinks } from "@/lib/forge/items/visible-backlinks";
import { MergeRequestConversation } from "@/components/forge/merge-request-conversation";
import { MergeRequestFiles, type FilesSearch } from "@/components/forge/merge-request-files";
import { MergeRequestTabs, parseTab } from "@/components/forge/merge-request-tabs";
import { StatusBadge } from "@/components/forge/status-badge";
import {
  CommentModeration,
  ItemModeration,
  LockedNote,
} from "@/components/forge/moderation/thread-moderation";
import { Alert } from "@/components/ui/alert";
import { OverwriteWarning } from "@/components/forge/overwrite-warning";
import { versionPin } from "@/lib/forge/items/overwrite-flag";
import { keepOverwriteAction, revertOverwriteAction } from "../../actions";
import { pinOf } from "@/lib/forge/merge-requests/pin";
import { mergeBoxOf } from "@/lib/forge/merge-requests/mergeability";
import { isDraftTitle } from "@/lib/forge/merge-requests/draft";
import { mergeBlockers, mergeBlockerText } from "@/lib/forge/merge-requests/merge-rules";
import { listRevisionChecks } from "@/lib/cache/checks";
import { checkFacts } from "@/lib/forge/checks/required";
import { ChecksPanel } from "@/components/forge/checks/checks-panel";
import { isOpenMergeRequest } from "@/lib/forge/statuses";
import { codeCommitPath, codeFilePath, codeTreePath, mergeRequestPath } from "@/lib/forge/routes";
import {
  addMergeRequestCommentAction,
  mergeAction,
  pasteRevisionAction,
  setMergeRequestDraftAction,
  setMergeRequestStatusAction,
  updateFromSourceAction,
} from "../actions";
import { loadMergeRequestFileAction } from "../file-action";
import { mergeRequestThread } from "@/lib/forge/merge-requests/diff-file";
import { threadToolsFor } from "../thread-tools";
import { threadsForPage } from "@/lib/forge/merge-requests/threads";
import { requiresResolvedThreads } from "@/lib/forge/projects/thread-rule";
import { threadDomId } from "@/components/forge/comment-thread";
import { UnresolvedThreads } from "@/components/forge/unresolved-threads";
import { deleteItemAction, lockThreadAction, unlockThreadAction } from "../../moderation/actions";
import { ReviewPanel } from "@/components/forge/review-panel";
import { VerdictBadge } from "@/components/forge/verdict-badge";
import { isPremature, latestVerdicts } from "@/lib/forge/merge-requests/review-rules";
import { reviewFacts, verdictOfRecord } from "@/lib/forge/merge-requests/review-state";
import { changeReviewersAction, giveVerdictAction } from "../review-actions";
import { suggestionMounts } from "@/components/forge/suggestion-view";
import { suggestionStates } from "@/lib/forge/suggestions/view";
import { applySuggestionsAction } from "../suggestion-actions";

export const metadata: Metadata = { title: "Merge request" };

type Search = FilesSearch & { tab?: string };

export default async function MergeRequestPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { id: string }>;
  searchParams: Promise<Search>;
}) {
  const loaded = await loadProject(params);
  const { project, viewer, base } = loaded;
  await offerToPageCache(loaded);
  const { id } = await params;
  const search = await searchParams;
  const request = await findMergeRequestByRef(project, id);
  if (!request) notFound();
  const revisions = await listRevisions(request.id);
  const flaggedRevisions = revisions.filter((r) => r.flaggedBy);
  const shown = Number(search.rev) || request.revision;
  const revision = revisions.find((r) => r.revision === shown) ?? revisions.at(-1);
  const current = revisions.find((r) => r.revision === request.revision);
  const parsed = revision ? parseRevision(request.scm, revision) : undefined;
  const compareWith = revisions.find((r) => r.revision === Number(search.compare));
  const compared = compareWith ? parseRevision(request.scm, compareWith) : undefined;
  const tab = parseTab(search.tab);
  const commentsAt = parseXmppUri(request.commentsUri);
  const [{ comments, lock, mayComment }, maintainer, backlinks, checks, watching] =
    await Promise.all([
      mergeRequestThread(request, viewer),
      viewer ? isProjectMaintainer(viewer, project, "instance-then-viewer-session") : false,
      request.number === null
        ? []
        : visibleBacklinks(viewer, project.id, "merge-request", request.number),
      listRevisionChecks(request.id, request.revision),
      viewer ? isWatching(viewer, request.id) : false,
    ]);
  const checkRules = await checkFacts(project, request);
  // Worked out for those who may merge, on each view (cached per revision and target tip).
  const mergeBox =
    maintainer && isOpenMergeRequest(request.status)
      ? await mergeBoxOf(project, request)
      : undefined;
  const { inline } = splitComments(comments);
  const review = await reviewFacts(project, request, { revision: request.revision }, comments);
  const verdicts = latestVerdicts(review.verdicts, request.revision, review.revisionsSeen);
  const mayManageReviewers =
    maintainer || [request.authorJid, request.firstPublisher].includes(viewer?.jid ?? "");
  const positions = parsed?.ok
    ? commentsOnRevision(request.scm, revisions, parsed, inline)
    : undefined;
  const outdatedIds = new Set(positions?.outdated.map(({ comment }) => comment.id));
  const suggestions = suggestionMounts(
    suggestionStates(inline, parsed, comments, revisions),
    (maintainer || viewer?.jid === request.authorJid.toLowerCase()) &&
      isOpenMergeRequest(request.status)
      ? { action: applySuggestionsAction, mergeRequestId: request.id }
      : undefined,
  );
  const { threads, rights, unresolved } = await threadsForPage(request, comments);
  const tools = threadToolsFor(
    viewer,
    rights,
    mayComment,
    maintainer
      ? (comment) => (
          <CommentModeration
            projectId={project.id}
            commentId={comment.id}
            deleteAction={deleteItemAction}
          />
        )
      : undefined,
  );
  const self = mergeRequestPath(base, { number: null, itemId: request.itemId });
  const target = request.targetBranch || project.defaultBranch;
  const link = (change: Search) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...search, ...change })) if (v) next.set(k, v);
    return `${self}?${next}`;
  };

  return (
    <article className="grid gap-6 lg:grid-cols-[1fr_16rem]">
      <div className="min-w-0 space-y-5">
        <header className="space-y-1">
          <h2 className="text-2xl font-semibold tracking-tight" data-testid="mr-title">
            {request.title}
          </h2>
          <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
            <span data-testid="mr-status">
              <StatusBadge status={request.status} />
            </span>
            <span>
              <span
                className="font-medium text-zinc-800 dark:text-zinc-200"
                data-testid="mr-author"
              >
                <PersonLink who={request.authorJid || request.publisher || request.author} />
              </span>{" "}
              wants to merge {request.sourceRef ? <code>{request.sourceRef}</code> : "a patch"} into{" "}
              {project.cloneUrl ? (
                <Link
                  href={codeTreePath(base, target)}
                  className="text-accent-600 underline dark:text-accent-300"
                >
                  <code>{target}</code>
                </Link>
              ) : (
                <code>{target}</code>
              )}
            </span>
            {request.publisher && request.publisher !== request.authorJid ? (
              <span>
                · last edited by{" "}
                <span
                  className="font-medium text-zinc-800 dark:text-zinc-200"
                  data-testid="mr-last-edited-by"
                >
                  {request.publisher}
                </span>
              </span>
            ) : null}
            <a href={`${self}.patch`} className="text-accent-600 underline dark:text-accent-300">
              Download .patch
            </a>
          </p>
          {request.status === "merged" ? (
            <p className="text-sm" data-testid="merged-revisions">
              Merged as{" "}
              {(JSON.parse(request.mergedRevisions) as string[]).map((revision, i) => (
                <Fragment key={revision}>
                  {i > 0 ? ", " : null}
                  <Link
                    href={codeCommitPath(base, revision)}
                    className="font-mono text-accent-600 underline dark:text-accent-300"
                  >
                    {revision.slice(0, 12)}
                  </Link>
                </Fragment>
              ))}
            </p>
          ) : null}
        </header>

        {request.flaggedBy ? (
          <OverwriteWarning
            item={{
              kind: "merge-request",
              itemKey: request.id,
              digest: versionPin(request.rawXml),
              flaggedBy: request.flaggedBy,
              firstPublisher: request.firstPublisher,
            }}
            signedIn={Boolean(viewer)}
            revertAction={revertOverwriteAction}
            keepAction={keepOverwriteAction}
          />
        ) : null}
        {flaggedRevisions.length > 0 ? (
          <Alert tone="warning">
            <ul data-testid="flagged-revisions">
              {flaggedRevisions.map((r) => (
                <li key={r.revision}>
                  Revision {r.revision} was added by {r.flaggedBy}, who did not open this merge
                  request and is not a maintainer.
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}

        <UnresolvedThreads
          count={unresolved.length}
          firstHref={
            unresolved[0] ? `${link({ tab: undefined })}#${threadDomId(unresolved[0])}` : undefined
          }
        />

        <MergeRequestTabs
          current={tab}
          hrefFor={(next) => link({ tab: next === "conversation" ? undefined : next })}
          counts={{
            conversation: comments.length,
            commits: parsed?.ok ? parsed.changesets.length : undefined,
            files: parsed?.ok ? parsed.files.length : undefined,
          }}
        />

        {tab === "conversation" ? (
          <MergeRequestConversation
            bodyHtml={request.bodyHtml}
            threads={threads}
            inline={inline}
            outdated={outdatedIds}
            inlineHref={({ anchor, comment }) => {
              // Carried comments are shown on the viewed revision; outdated ones on their own.
              const rev = positions && !outdatedIds.has(comment.id) ? parsed?.revision : undefined;
              return `${link({ tab: "files", rev: String(rev ?? anchor.revision), compare: undefined, commit: undefined })}#${inlineCommentId(comment)}`;
            }}
            mergeRequestId={request.id}
            signedIn={Boolean(viewer)}
            mayComment={mayComment}
            lockedNote={lock ? <LockedNote lock={lock} /> : null}
            threadTools={tools}
            commentBadge={(comment) => {
              const verdict = verdictOfRecord(comment);
              return verdict ? (
                <VerdictBadge
                  verdict={verdict}
                  stale={verdict.revision !== request.revision}
                  premature={isPremature(
                    { verdict, firstSeenAt: comment.firstSeenAt },
                    review.revisionsSeen,
                  )}
                />
              ) : null;
            }}
            commentAction={addMergeRequestCommentAction}
          />
        ) : tab === "commits" ? (
          parsed?.ok ? (
            <MergeRequestCommits
              revision={parsed.revision}
              changesets={parsed.changesets}
              commitHref={(commit) => link({ tab: "files", commit, compare: undefined })}
            />
          ) : (
            <Alert>This revision&apos;s patch cannot be read: {parsed?.reason}</Alert>
          )
        ) : (
          <MergeRequestFiles
            revisions={revisions.map((r) => r.revision)}
            parsed={parsed}
            compared={compared}
            search={search}
            link={link}
            inline={positions?.current ?? []}
            outdated={positions?.outdated}
            threads={threads}
            threadTools={tools}
            {...suggestions}
            mergeRequestId={request.id}
            signedIn={mayComment}
            commentAction={addMergeRequestCommentAction}
            loadFile={
              parsed?.ok
                ? loadMergeRequestFileAction.bind(null, {
                    projectId: project.id,
                    mergeRequestId: request.id,
                    revision: parsed.revision,
                  })
                : undefined
            }
            fileLink={
              project.cloneUrl
                ? (file) =>
                    file.status === "added"
                      ? undefined
                      : { href: codeFilePath(base, target, file.oldPath), text: `On ${target}` }
                : undefined
            }
          />
        )}
      </div>
      <aside className="space-y-4 text-sm">
        {viewer ? (
          <WatchButton
            target={request.id}
            watching={watching}
            what="this merge request"
            action={setWatchAction}
          />
        ) : null}
        {viewer ? (
          <MergeRequestControls
            mergeRequestId={request.id}
            projectId={project.id}
            pin={current ? pinOf(current.revision, current.patch) : undefined}
            mergeBox={mergeBox}
            blockers={mergeBlockers(request, {
              review,
              ...checkRules,
              threads: {
                unresolved: unresolved.length,
                required: requiresResolvedThreads(project),
              },
            }).map(mergeBlockerText)}
            draft={
              maintainer || viewer.jid === request.authorJid.toLowerCase()
                ? {
                    isDraft: isDraftTitle(request.title),
                    setDraftAction: setMergeRequestDraftAction,
                  }
                : undefined
            }
            status={request.status}
            fromSource={Boolean(request.sourceUrl)}
            mergeAction={mergeAction}
            updateFromSourceAction={updateFromSourceAction}
            pasteRevisionAction={pasteRevisionAction}
            setStatusAction={setMergeRequestStatusAction}
          />
        ) : null}
        {maintainer ? (
          <ItemModeration
            projectId={project.id}
            kind="merge-request"
            id={request.id}
            locked={lock !== null}
            hasThread={Boolean(commentsAt?.node)}
            actions={{
              deleteAction: deleteItemAction,
              lockAction: lockThreadAction,
              unlockAction: unlockThreadAction,
            }}
          />
        ) : null}
        <ReviewPanel
          mergeRequestId={request.id}
          revision={request.revision}
          reviewers={review.reviewers}
          verdicts={verdicts}
          requiredApprovals={review.requiredApprovals}
          reviewersAction={viewer && mayManageReviewers ? changeReviewersAction : undefined}
          verdictAction={
            mayComment && isOpenMergeRequest(request.status) ? giveVerdictAction : undefined
          }
        />
        <dl className="space-y-2">
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Version control</dt>
            <dd>{request.scm === "hg" ? "Mercurial" : "Git"}</dd>
          </div>
          {request.sourceUrl ? (
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Source</dt>
              <dd className="break-all font-mono text-xs">{request.sourceUrl}</dd>
            </div>
          ) : null}
        </dl>
        <ChecksPanel
          revision={request.revision}
          checks={checks}
          required={checkRules.checks?.required ?? []}
        />
        <Backlinks base={base} sources={backlinks} />
      </aside>
    </article>
  );
}
