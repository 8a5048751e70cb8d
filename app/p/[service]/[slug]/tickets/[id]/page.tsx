import type { Metadata } from "next";
import { PersonLink } from "@/components/forge/person-link";
import { WatchButton } from "@/components/forge/watch-button";
import { isWatching } from "@/lib/forge/notifications/operations";
import { notFound } from "next/navigation";
import { findThreadLock } from "@/lib/cache/moderation";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { findTicketByRef } from "@/lib/forge/items/refs";
import { ticketBodyHtml } from "@/lib/forge/tickets/records";
import { threadEntries } from "@/lib/forge/comments/thread";
import { foldThread, SHOWN_FIRST } from "@/lib/forge/comments/fold-thread";
import { timelineEventOfRecord } from "@/lib/forge/comments/timeline-event";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { offerToPageCache } from "@/lib/http/page-cache-offer";
import { CommentForm } from "@/components/forge/comment-form";
import { CommentView } from "@/components/forge/comment-view";
import { LabelChip, StatusBadge } from "@/components/forge/status-badge";
import { StatusControl } from "@/components/forge/status-control";
import { TicketEditor } from "@/components/forge/ticket-editor";
import { Backlinks } from "@/components/forge/backlinks";
import { visibleBacklinks } from "@/lib/forge/items/visible-backlinks";
import { TicketForm } from "@/components/forge/ticket-form";
import { TimelineEventView } from "@/components/forge/timeline-event-view";
import {
  CommentModeration,
  ItemModeration,
  LockedNote,
} from "@/components/forge/moderation/thread-moderation";
import { when } from "@/components/wiki/format";
import { OverwriteWarning } from "@/components/forge/overwrite-warning";
import { versionPin } from "@/lib/forge/items/overwrite-flag";
import { keepOverwriteAction, revertOverwriteAction } from "../../actions";
import {
  addCommentAction,
  editCommentAction,
  setStatusAction,
  updateTicketAction,
} from "../actions";
import { setWatchAction } from "@/app/inbox/actions";
import { deleteItemAction, lockThreadAction, unlockThreadAction } from "../../moderation/actions";

export const metadata: Metadata = { title: "Ticket" };

/** `?thread=all` unfolds a long thread (lib/forge/comments/fold-thread.ts). */
const UNFOLDED = "all";

export default async function TicketPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { id: string }>;
  searchParams: Promise<{ thread?: string | string[] }>;
}) {
  const loaded = await loadProject(params);
  const { project, viewer, base } = loaded;
  await offerToPageCache(loaded);
  const { id } = await params;
  const ticket = await findTicketByRef(project, id);
  if (!ticket) notFound();
  const comments = parseXmppUri(ticket.commentsUri);
  const [entries, lock, maintainer, backlinks, watching] = await Promise.all([
    comments?.node ? threadEntries(project.id, comments.jid, comments.node) : [],
    comments?.node ? findThreadLock(project.id, comments.jid, comments.node) : null,
    viewer ? isProjectMaintainer(viewer, project, "instance-then-viewer-session") : false,
    ticket.number === null ? [] : visibleBacklinks(viewer, project.id, "ticket", ticket.number),
    viewer ? isWatching(viewer, ticket.id) : false,
  ]);
  const timeline = entries.map((entry) => ({ entry, event: timelineEventOfRecord(entry.event) }));
  const mayComment =
    viewer !== null && (!lock || (JSON.parse(lock.allowed) as string[]).includes(viewer.jid));
  const commentCount = timeline.filter(({ event }) => !event).length;
  const unfolded = (await searchParams).thread === UNFOLDED;
  const folded = foldThread(timeline, unfolded);
  const labels = JSON.parse(ticket.labels) as string[];
  const assignees = JSON.parse(ticket.assignees) as string[];
  // The author is whoever published the ticket first; the service only attests the latest.
  const author = ticket.authorJid || ticket.publisher || ticket.author || "unknown";
  const lastEditor = ticket.publisher && ticket.publisher !== author ? ticket.publisher : "";

  const header = (
    <header className="min-w-0 space-y-1">
      <h2 className="text-2xl font-semibold tracking-tight" data-testid="ticket-title">
        {ticket.title}
      </h2>
      <p className="flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-400">
        <StatusBadge status={ticket.status} />
        <span>
          filed by{" "}
          <span className="font-medium text-zinc-800 dark:text-zinc-200" data-testid="filed-by">
            <PersonLink who={author} />
          </span>{" "}
          on {when(ticket.created)}
        </span>
        {lastEditor ? (
          <span>
            · last edited by{" "}
            <span
              className="font-medium text-zinc-800 dark:text-zinc-200"
              data-testid="last-edited-by"
            >
              {lastEditor}
            </span>
          </span>
        ) : null}
      </p>
    </header>
  );

  return (
    <article className="grid gap-6 lg:grid-cols-[1fr_16rem]">
      <div className="min-w-0 space-y-4">
        {ticket.flaggedBy ? (
          <OverwriteWarning
            item={{
              kind: "ticket",
              itemKey: ticket.id,
              digest: versionPin(ticket.rawXml),
              flaggedBy: ticket.flaggedBy,
              firstPublisher: ticket.firstPublisher,
            }}
            signedIn={Boolean(viewer)}
            revertAction={revertOverwriteAction}
            keepAction={keepOverwriteAction}
          />
        ) : null}
        {viewer ? (
          <TicketEditor
            header={header}
            form={
              <TicketForm
                action={updateTicketAction}
                hidden={{ ticketId: ticket.id }}
                submitLabel="Save ticket"
                // A new version of the ticket (a status set meanwhile) refills the form.
                version={ticket.updated.toISOString()}
                initial={{
                  title: ticket.title,
                  body: ticket.bodyMarkdown,
                  type: ticket.type,
                  status: ticket.status,
                  priority: ticket.priority,
                  labels: labels.join(", "),
                  assignees: assignees.join(", "),
                  milestone: ticket.milestone,
                }}
              />
            }
          />
        ) : (
          header
        )}
        <div
          className="prose-forge rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
          dangerouslySetInnerHTML={{
            __html: ticketBodyHtml(ticket) || "<p><em>No description.</em></p>",
          }}
        />

        <section aria-labelledby="comments-heading" className="space-y-3">
          <h3 id="comments-heading" className="font-semibold">
            {commentCount} {commentCount === 1 ? "comment" : "comments"}
          </h3>
          <ol className="space-y-3" data-testid="timeline">
            {[...folded.first, ...folded.last].map(({ entry, event }, index) => (
              <li
                key={entry.id}
                // Where the unfolded thread resumes: the link below brings the reader here.
                id={unfolded && index === SHOWN_FIRST ? "earlier-entries" : undefined}
              >
                {folded.hidden > 0 && index === SHOWN_FIRST ? (
                  <a
                    href={`?thread=${UNFOLDED}#earlier-entries`}
                    className="mb-3 block rounded-lg border border-dashed border-zinc-300 px-3 py-2 text-center text-sm text-accent-600 hover:bg-zinc-50 dark:border-zinc-700 dark:text-accent-300 dark:hover:bg-zinc-900"
                    data-testid="unfold-thread"
                  >
                    Show {folded.hidden} earlier {folded.hidden === 1 ? "entry" : "entries"}
                  </a>
                ) : null}
                {event ? (
                  <TimelineEventView
                    event={event}
                    publisher={entry.publisher || entry.authorName}
                    published={entry.published}
                  />
                ) : (
                  <CommentView comment={entry}>
                    {maintainer ? (
                      <CommentModeration
                        projectId={project.id}
                        commentId={entry.id}
                        deleteAction={deleteItemAction}
                      />
                    ) : null}
                    {mayComment && viewer?.jid === entry.publisher ? (
                      <details className="px-3 pb-2">
                        <summary className="cursor-pointer text-sm text-accent-600 dark:text-accent-300">
                          Edit
                        </summary>
                        <CommentForm
                          action={editCommentAction}
                          hidden={{ commentId: entry.id }}
                          initial={entry.contentMarkdown}
                          label="Edit your comment"
                          submitLabel="Save comment"
                        />
                      </details>
                    ) : null}
                  </CommentView>
                )}
              </li>
            ))}
          </ol>
          {lock ? <LockedNote lock={lock} /> : null}
          {viewer ? (
            !mayComment ? null : comments?.node ? (
              <CommentForm
                action={addCommentAction}
                hidden={{ ticketId: ticket.id }}
                label="Add a comment"
                submitLabel="Comment"
              />
            ) : (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                This ticket has no comments node, so it cannot take comments.
              </p>
            )
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Sign in to comment.</p>
          )}
        </section>
      </div>

      <aside className="space-y-4 text-sm">
        {viewer ? (
          <WatchButton
            target={ticket.id}
            watching={watching}
            what="this ticket"
            action={setWatchAction}
          />
        ) : null}
        {viewer ? (
          <StatusControl ticketId={ticket.id} status={ticket.status} action={setStatusAction} />
        ) : null}
        {maintainer ? (
          <ItemModeration
            projectId={project.id}
            kind="ticket"
            id={ticket.id}
            locked={lock !== null}
            hasThread={Boolean(comments?.node)}
            actions={{
              deleteAction: deleteItemAction,
              lockAction: lockThreadAction,
              unlockAction: unlockThreadAction,
            }}
          />
        ) : null}
        <dl className="space-y-2">
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Type · priority</dt>
            <dd>
              {ticket.type} · {ticket.priority}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Labels</dt>
            <dd className="flex flex-wrap gap-1">
              {labels.length ? labels.map((l) => <LabelChip key={l} label={l} />) : "none"}
            </dd>
          </div>
          <div>
            <dt className="text-zinc-600 dark:text-zinc-400">Assignees</dt>
            <dd>{assignees.length ? assignees.join(", ") : "nobody"}</dd>
          </div>
          {ticket.milestone ? (
            <div>
              <dt className="text-zinc-600 dark:text-zinc-400">Milestone</dt>
              <dd>{ticket.milestone}</dd>
            </div>
          ) : null}
        </dl>
        <Backlinks base={base} sources={backlinks} />
      </aside>
    </article>
  );
}
