import { findPushedMergeRequests } from "@/lib/cache/merge-requests";
import type { Project } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";
import {
  addRevision,
  MAX_PATCH_BYTES,
  MAX_SERIES_COMMITS,
  openMergeRequest,
  type SeriesPreview,
} from "@/lib/forge/merge-requests/operations";
import { mergeRequestPath, projectPath } from "@/lib/forge/routes";
import { isOpenMergeRequest } from "@/lib/forge/statuses";
import type { Viewer } from "@/lib/forge/viewer";
import { adapterFor } from "@/lib/scm/index";
import type { ScmKind } from "@/lib/scm/types";
import type { PushOptions } from "./agit-input";

/** A session that publishes as the pusher, and what to do with it afterwards. */
export interface PushPublisher {
  readonly viewer: Viewer;
  release(): Promise<void>;
}

export interface PushedSeriesSource {
  readonly project: Project;
  readonly scm: ScmKind;
  /** The repository holding the pushed commits (Git's own; for hg, the push's scratch copy). */
  readonly dir: string;
  readonly pusher: string;
  readonly origin: string;
}

/**
 * A pushed series (`base` … `head` in `dir`) as a merge request of the pusher's: the next
 * revision of their open one from the same `sourceRef` into the same branch, or a new one
 * titled from the push options or the commits. Says what happened, with its address.
 */
export async function publishPushedSeries(
  source: PushedSeriesSource,
  range: { base: string; head: string; targetBranch: string; sourceRef: string },
  options: Pick<PushOptions, "title" | "description">,
  publishing: () => Promise<PushPublisher>,
): Promise<{ itemId: string; revision: number; message: string }> {
  const adapter = adapterFor(source.scm);
  const text = await adapter.exportSeries(source.dir, {
    base: range.base,
    head: range.head,
    maxCommits: MAX_SERIES_COMMITS,
  });
  if (Buffer.byteLength(text) > MAX_PATCH_BYTES) {
    throw new ForgeError("patch-too-large", { maxBytes: MAX_PATCH_BYTES });
  }
  const preview: SeriesPreview = {
    scm: source.scm,
    text,
    changesets: [...adapter.parseSeries(text).changesets],
  };
  const existing = (
    await findPushedMergeRequests({
      projectId: source.project.id,
      jid: source.pusher,
      targetBranch: range.targetBranch,
      sourceRef: range.sourceRef,
    })
  ).find((candidate) => isOpenMergeRequest(candidate.status));
  const { viewer } = await publishing();
  const base = projectPath(source.project.id);
  if (existing) {
    const revision = await addRevision(viewer, existing.id, preview);
    const address = source.origin + mergeRequestPath(base, existing);
    return {
      itemId: existing.itemId,
      revision,
      message: `Revision ${revision} of merge request ${label(existing.number)}: ${address}`,
    };
  }
  const opened = await openMergeRequest(
    viewer,
    source.project.id,
    preview,
    { sourceUrl: "", sourceRef: range.sourceRef, targetBranch: range.targetBranch },
    { title: options.title ?? "", bodyMarkdown: options.description ?? "", labels: [] },
  );
  const address = source.origin + mergeRequestPath(base, opened.number);
  return {
    itemId: opened.itemId,
    revision: 1,
    message: `Merge request ${label(opened.number)} opened: ${address}`,
  };
}

const label = (number: number | null) => (number === null ? "" : `!${number}`);
