import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listComments } from "@/lib/cache/comments";
import { findMergeRequest, listRevisions } from "@/lib/cache/merge-requests";
import { parseRevision, splitComments } from "@/lib/forge/merge-request-view";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/records";
import { parseXmppUri } from "@/lib/forge/xmpp-uri";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { DiffView } from "@/components/diff/diff-view";
import { interdiff } from "@/components/diff/interdiff";
import { CommentForm } from "@/components/forge/comment-form";
import { CommentView } from "@/components/forge/comment-view";
import { MergeRequestControls } from "@/components/forge/merge-request-controls";
import { StatusBadge } from "@/components/forge/status-badge";
import { Alert } from "@/components/ui/alert";
import { addMergeRequestCommentAction } from "../actions";

export const metadata: Metadata = { title: "Merge request" };

type Search = { rev?: string; compare?: string; view?: string };

export default async function MergeRequestPage({
  params,
  searchParams,
}: {
  params: Promise<ProjectParams & { id: string }>;
  searchParams: Promise<Search>;
}) {
  const { project, viewer, base } = await loadProject(params);
  const { id } = await params;
  const search = await searchParams;
  const request = await findMergeRequest(
    itemKey(project.service, projectNodes(project.slug).mergeRequests, decodeURIComponent(id)),
  );
  if (!request) notFound();
  const revisions = await listRevisions(request.id);
  const shown = Number(search.rev) || request.revision;
  const revision = revisions.find((r) => r.revision === shown) ?? revisions.at(-1);
  const parsed = revision ? parseRevision(request.scm, revision) : undefined;
  const compareWith = revisions.find((r) => r.revision === Number(search.compare));
  const compared = compareWith ? parseRevision(request.scm, compareWith) : undefined;
  const mode = search.view === "split" ? "split" : "unified";
  const commentsAt = parseXmppUri(request.commentsUri);
  const comments = commentsAt?.node ? await listComments(commentsAt.jid, commentsAt.node) : [];
  const { discussion, inline } = splitComments(comments, revision?.revision ?? 1);
  const self = `${base}/mr/${encodeURIComponent(request.itemId)}`;
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
                {request.authorJid || request.publisher || request.author}
              </span>{" "}
              wants to merge {request.sourceRef ? <code>{request.sourceRef}</code> : "a patch"} into{" "}
              <code>{request.targetBranch || project.defaultBranch}</code>
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
              {(JSON.parse(request.mergedRevisions) as string[])
                .map((r) => r.slice(0, 12))
                .join(", ")}
            </p>
          ) : null}
        </header>

        {request.bodyHtml ? (
          <div
            className="prose-forge rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
            dangerouslySetInnerHTML={{ __html: request.bodyHtml }}
          />
        ) : null}

        <nav aria-label="Revisions" className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-medium">Revision</span>
          {revisions.map((r) => (
            <Link
              key={r.revision}
              href={link({ rev: String(r.revision), compare: undefined })}
              aria-current={r.revision === revision?.revision && !compared ? "page" : undefined}
              className="rounded-md border border-zinc-300 px-2 py-0.5 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white dark:border-zinc-700 dark:aria-[current=page]:bg-zinc-100 dark:aria-[current=page]:text-zinc-900"
            >
              {r.revision}
            </Link>
          ))}
          {revisions.length > 1 && revision ? (
            <span className="flex flex-wrap gap-2">
              {revisions
                .filter((r) => r.revision !== revision.revision)
                .map((r) => (
                  <Link
                    key={r.revision}
                    href={link({ compare: String(r.revision) })}
                    className="text-accent-600 underline dark:text-accent-300"
                  >
                    Compare {r.revision} → {revision.revision}
                  </Link>
                ))}
            </span>
          ) : null}
          <span className="ml-auto flex gap-2">
            <Link
              href={link({ view: "unified" })}
              aria-current={mode === "unified" ? "true" : undefined}
              className="aria-[current=true]:font-semibold"
            >
              Unified
            </Link>
            <Link
              href={link({ view: "split" })}
              aria-current={mode === "split" ? "true" : undefined}
              className="aria-[current=true]:font-semibold"
            >
              Split
            </Link>
          </span>
        </nav>

        {parsed && !parsed.ok ? (
          <Alert>This revision&apos;s patch cannot be read: {parsed.reason}</Alert>
        ) : null}

        {compared?.ok && parsed?.ok ? (
          <section aria-labelledby="interdiff-heading" className="space-y-2">
            <h3 id="interdiff-heading" className="font-semibold" data-testid="interdiff-heading">
              Changes between revision {compared.revision} and {parsed.revision}
            </h3>
            <DiffView
              files={interdiff(compared.files, parsed.files)}
              mode={mode}
              idPrefix="interdiff"
              label="Interdiff"
            />
          </section>
        ) : parsed?.ok ? (
          <>
            <section aria-labelledby="commits-heading">
              <h3 id="commits-heading" className="mb-2 font-semibold">
                {parsed.changesets.length} {parsed.changesets.length === 1 ? "commit" : "commits"}
              </h3>
              <ol className="space-y-1 text-sm" data-testid="mr-commits">
                {parsed.changesets.map((c) => (
                  <li key={c.id} className="flex flex-wrap gap-x-2">
                    <code className="text-xs text-zinc-600 dark:text-zinc-400">
                      {c.id.slice(0, 12)}
                    </code>
                    <span className="font-medium">{c.message.split("\n")[0]}</span>
                    <span className="text-zinc-600 dark:text-zinc-400">
                      {c.author.name} · {c.date.slice(0, 10)}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
            <DiffView
              files={parsed.files}
              mode={mode}
              comments={inline.map(({ anchor, comment }) => ({
                anchor,
                node: <CommentView key={comment.id} comment={comment} />,
              }))}
              renderCommentForm={
                viewer
                  ? (anchor) => (
                      <CommentForm
                        action={addMergeRequestCommentAction}
                        hidden={{
                          mergeRequestId: request.id,
                          anchorFile: anchor.file,
                          anchorSide: anchor.side,
                          anchorLine: String(anchor.line),
                          anchorRevision: String(parsed.revision),
                        }}
                        label={`Comment on line ${anchor.line}`}
                        submitLabel="Comment"
                      />
                    )
                  : undefined
              }
            />
          </>
        ) : null}

        <section aria-labelledby="discussion-heading" className="space-y-3">
          <h3 id="discussion-heading" className="font-semibold">
            Discussion
          </h3>
          <ol className="space-y-3">
            {discussion.map((comment) => (
              <li key={comment.id}>
                <CommentView comment={comment} />
              </li>
            ))}
          </ol>
          {viewer ? (
            <CommentForm
              action={addMergeRequestCommentAction}
              hidden={{ mergeRequestId: request.id }}
              label="Add a comment"
              submitLabel="Comment"
            />
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Sign in to take part.</p>
          )}
        </section>
      </div>
      <aside className="space-y-4 text-sm">
        {viewer ? (
          <MergeRequestControls
            mergeRequestId={request.id}
            projectId={project.id}
            status={request.status}
            fromSource={Boolean(request.sourceUrl)}
          />
        ) : null}
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
      </aside>
    </article>
  );
}
