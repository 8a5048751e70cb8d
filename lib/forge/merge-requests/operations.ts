import { z } from "zod";
import { findMergeRequest, highestRevision } from "@/lib/cache/merge-requests";
import type { Viewer } from "@/lib/forge/viewer";
import { SettableMergeRequestStatusSchema } from "@/lib/forge/statuses";
import { adapterFor } from "@/lib/scm/index";
import { detectSeriesKind } from "@/lib/scm/detect-series";
import { ScmError } from "@/lib/scm/errors";
import { type Changeset, type ScmKind, ScmKindSchema } from "@/lib/scm/types";
import { ForgeError } from "@/lib/forge/errors";
import { bareJid, splitJid } from "@/lib/xmpp/jid";
import { getItems } from "@/lib/xmpp/pubsub";
import { decodeMergeRequest, encodeMergeRequest, newMergeRequestForm, sameSeries } from "./codec";
import { nextItemNumber, settleItemNumber } from "@/lib/forge/items/numbering";
import { mergeRequestType } from "./schema";
import {
  isHostedHere,
  readProjectRepository,
  refreshMirror,
} from "@/lib/forge/repositories/mirrors";
import { createCommentsNode } from "@/lib/forge/node-creation";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import { encodeRevision, revisionItemId } from "./revision-codec";
import { withDraft } from "./draft";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { loadProject } from "@/lib/forge/projects/load-project";

/** Patches larger than this are refused before anything is published. */
export const MAX_PATCH_BYTES = 5 * 1024 * 1024;

/** Series of more commits are refused before any is exported (SeriesRange.maxCommits). */
export const MAX_SERIES_COMMITS = 250;

const Ref = z
  .string()
  .trim()
  .min(1, "Name a branch or revision")
  .max(200)
  .regex(/^[^\s~^:?*[\\]+$/, "Not a valid branch name");

export const SourceSchema = z.object({
  sourceUrl: z.string().trim().min(1, "Give the repository to take the changes from").max(2000),
  sourceRef: Ref,
  targetBranch: Ref,
});
export type Source = z.infer<typeof SourceSchema>;

export interface SeriesPreview {
  scm: ScmKind;
  text: string;
  changesets: Changeset[];
}

/** SCM failures while reading the source, told as such: the person can fix the URL or branch. */
async function inSourceRepository<T>(url: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ScmError)) throw error;
    throw new ScmError(`In the source repository ${url}: ${error.message}`, { cause: error });
  }
}

/** Mirrors the source repository and computes the series its branch adds to the target branch. */
export async function previewFromSource(projectId: string, input: unknown): Promise<SeriesPreview> {
  const project = await loadProject(projectId);
  const source = SourceSchema.parse(input);
  const scm = ScmKindSchema.parse(project.scm);
  const adapter = adapterFor(scm);
  const exported = (dir: string) =>
    adapter.exportSeries(dir, {
      base: source.targetBranch,
      head: source.sourceRef,
      maxCommits: MAX_SERIES_COMMITS,
    });
  const text = await inSourceRepository(source.sourceUrl, async () => {
    // The project's own hosted repository is read where it lies, never fetched from this
    // server's own address (which the URL policy refuses when it is a loopback one).
    if (isHostedHere(project) && source.sourceUrl === project.cloneUrl) {
      const here = await readProjectRepository({ ...project, scm }, exported);
      if (here === undefined) throw new ScmError("the repository is empty");
      return here;
    }
    return exported(await refreshMirror(scm, source.sourceUrl));
  });
  const series = adapter.parseSeries(text);
  if (series.changesets.length === 0) {
    throw new ForgeError("no-new-changes", {
      sourceRef: source.sourceRef,
      targetBranch: source.targetBranch,
    });
  }
  return { scm, text, changesets: [...series.changesets] };
}

/** A pasted or uploaded patch: its format is detected, and garbage is refused with the reason. */
export function previewFromPatch(projectScm: string, text: string): SeriesPreview {
  if (Buffer.byteLength(text) > MAX_PATCH_BYTES) {
    throw new ForgeError("patch-too-large", { maxBytes: MAX_PATCH_BYTES });
  }
  const detected = detectSeriesKind(text);
  if (!detected.kind) throw new ForgeError("unreadable-patch", { reason: detected.reason });
  if (detected.kind !== projectScm) {
    throw new ForgeError("patch-scm-mismatch", { patch: detected.kind, project: projectScm });
  }
  const series = adapterFor(detected.kind).parseSeries(text);
  return { scm: detected.kind, text, changesets: [...series.changesets] };
}

export const NewMergeRequestSchema = z.object({
  title: z.string().trim().max(300),
  bodyMarkdown: z.string().max(100_000),
  labels: z.array(z.string().trim().min(1).max(60)).max(30),
  draft: z.boolean().default(false),
});

/** Title and description default from the last commit, as Libervia does. */
function defaultsFrom(preview: SeriesPreview): { title: string; body: string } {
  const last = preview.changesets.at(-1);
  const [subject = "", ...rest] = (last?.message ?? "").split("\n");
  return { title: subject.trim(), body: rest.join("\n").trim() };
}

/** Opens a merge request, numbered as items/numbering.ts says: its cache id and number. */
export async function openMergeRequest(
  viewer: Viewer,
  projectId: string,
  preview: SeriesPreview,
  source: Partial<Source>,
  input: unknown,
): Promise<{ id: string; itemId: string; number: number }> {
  const project = await loadProject(projectId);
  const fields = NewMergeRequestSchema.parse(input);
  const defaults = defaultsFrom(preview);
  const nodes = projectNodes(project.slug);
  const commentsUri = await createCommentsNode(
    viewer.session,
    project.service,
    nodes.mergeRequests,
    project.accessModel,
  );
  const now = new Date().toISOString();
  const first = await nextItemNumber("merge-request", project.service, nodes.mergeRequests);
  const form = newMergeRequestForm({
    title: withDraft(fields.title || defaults.title || "Untitled merge request", fields.draft),
    author: splitJid(viewer.jid).local,
    authorJid: bareJid(viewer.jid),
    created: now,
    bodyMarkdown: fields.bodyMarkdown || defaults.body,
    labels: fields.labels,
    patchType: mergeRequestType(preview.scm),
    patch: preview.text,
    commentsUri,
    sourceUrl: source.sourceUrl ?? "",
    sourceRef: source.sourceRef ?? "",
    targetBranch: source.targetBranch ?? project.defaultBranch,
    number: first,
  });
  const itemId = await publishAndApply(viewer, project.service, nodes.mergeRequests, form);
  const cached = { service: project.service, node: nodes.mergeRequests, itemId };
  await publishRevision(viewer, project.service, project.slug, itemId, 1, preview.text, now);
  const decoded = decodeMergeRequest(form);
  if (!decoded.ok) throw new Error(`a new merge request does not decode: ${decoded.reason}`);
  const number = await settleItemNumber("merge-request", { ...cached, number: first }, (next) =>
    republish(
      viewer,
      cached,
      encodeMergeRequest(decoded.mergeRequest, { number: next, updated: now }),
    ),
  );
  return { id: itemKey(cached.service, cached.node, itemId), itemId, number };
}

async function publishRevision(
  viewer: Viewer,
  service: string,
  slug: string,
  mergeRequestItemId: string,
  revision: number,
  patch: string,
  created: string,
): Promise<void> {
  const node = projectNodes(slug).mergeRequestRevisions;
  const payload = encodeRevision({ mergeRequest: mergeRequestItemId, revision, patch, created });
  await publishAndApply(viewer, service, node, payload, {
    itemId: revisionItemId(mergeRequestItemId, revision),
  });
}

export async function currentMergeRequest(viewer: Viewer, mergeRequestId: string) {
  const cached = await findMergeRequest(mergeRequestId);
  if (!cached) throw new ForgeError("item-gone", { item: "merge-request", where: "cache" });
  const [item] = await getItems(viewer.session, cached.service, cached.node, {
    ids: [cached.itemId],
  });
  const decoded = item ? decodeMergeRequest(item.element) : undefined;
  if (!decoded?.ok) throw new ForgeError("item-gone", { item: "merge-request", where: "service" });
  return { cached, request: decoded.mergeRequest };
}

export async function republish(
  viewer: Viewer,
  cached: { service: string; node: string; itemId: string },
  form: ReturnType<typeof encodeMergeRequest>,
): Promise<void> {
  await publishAndApply(viewer, cached.service, cached.node, form, { itemId: cached.itemId });
}

/** A new series (from the source branch again, or pasted) becomes the next revision. */
export async function addRevision(
  viewer: Viewer,
  mergeRequestId: string,
  preview: SeriesPreview,
): Promise<number> {
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  if (sameSeries(preview.text, request.patch)) {
    throw new ForgeError("series-unchanged");
  }
  const project = await loadProject(cached.projectId);
  // Past every number used: after a revert the merge request holds an earlier revision, and
  // the one that was reverted keeps its number (cached revisions never change).
  const revision = Math.max(request.revision, await highestRevision(cached.id)) + 1;
  const now = new Date().toISOString();
  await publishRevision(
    viewer,
    cached.service,
    project.slug,
    cached.itemId,
    revision,
    preview.text,
    now,
  );
  await republish(
    viewer,
    cached,
    encodeMergeRequest(request, { patch: { text: preview.text, revision }, updated: now }),
  );
  return revision;
}

export async function updateFromSource(viewer: Viewer, mergeRequestId: string): Promise<number> {
  const cached = await findMergeRequest(mergeRequestId);
  if (!cached?.sourceUrl) {
    throw new ForgeError("opened-from-patch");
  }
  const preview = await previewFromSource(cached.projectId, {
    sourceUrl: cached.sourceUrl,
    sourceRef: cached.sourceRef,
    targetBranch: cached.targetBranch,
  });
  return addRevision(viewer, mergeRequestId, preview);
}

export async function setMergeRequestStatus(
  viewer: Viewer,
  mergeRequestId: string,
  status: unknown,
): Promise<void> {
  const parsed = SettableMergeRequestStatusSchema.parse(status);
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  await republish(
    viewer,
    cached,
    encodeMergeRequest(request, { status: parsed, updated: new Date().toISOString() }),
  );
}

/**
 * Marks the merge request as a draft, or as ready to merge, by its title (draft.ts); `draft` is
 * a boolean or a form's "true"/"false". Returns what it now is.
 */
export async function setMergeRequestDraft(
  viewer: Viewer,
  mergeRequestId: string,
  draft: unknown,
): Promise<boolean> {
  const wanted = z.union([z.boolean(), z.stringbool()]).parse(draft);
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  const title = withDraft(request.title, wanted);
  if (title === request.title) return wanted;
  await republish(
    viewer,
    cached,
    encodeMergeRequest(request, { title, updated: new Date().toISOString() }),
  );
  return wanted;
}
