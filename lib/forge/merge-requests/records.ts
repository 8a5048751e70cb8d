import type { MergeRequestRevision as RevisionRow } from "@/lib/generated/prisma/client";
import type { MergeRequestRecord } from "@/lib/cache/merge-requests";
import { seriesLineCounts } from "@/lib/scm/line-counts";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { projectPath } from "@/lib/forge/routes";
import { bodyHtml, trackerItemFields } from "@/lib/forge/items/record-fields";
import type { MergeRequest } from "./codec";

export function mergeRequestRecord(
  projectId: string,
  service: string,
  node: string,
  item: PubsubItem,
  request: MergeRequest,
  now = new Date(),
): MergeRequestRecord {
  const lines = seriesLineCounts(request.patch);
  return {
    ...trackerItemFields(projectId, service, node, item, request, now),
    labels: JSON.stringify(request.labels),
    reviewers: JSON.stringify(request.reviewers),
    scm: request.scm ?? "git",
    bodyMarkdown: request.bodyMarkdown ?? "",
    bodyHtml: bodyHtml(request, { projectPath: projectPath(projectId) }),
    revision: request.revision,
    sourceUrl: request.sourceUrl ?? "",
    sourceRef: request.sourceRef ?? "",
    targetBranch: request.targetBranch ?? "",
    mergedRevisions: JSON.stringify(request.mergedRevisions),
    patch: request.patch,
    number: request.number ?? null,
    linesAdded: lines.added,
    linesRemoved: lines.removed,
  };
}

/**
 * `flaggedBy`: who added it, if neither the merge request's first publisher nor a maintainer;
 * `firstSeenAt`: when this instance received it (the cache keeps the first: revisions never change).
 */
export function revisionRecord(
  mergeRequestId: string,
  revision: number,
  patch: string,
  published: { publisher: string; flaggedBy: string },
  created: Date,
  rawXml: string,
  firstSeenAt: Date,
): RevisionRow {
  return {
    id: `${mergeRequestId}#${revision}`,
    mergeRequestId,
    revision,
    patch,
    publisher: published.publisher,
    flaggedBy: published.flaggedBy,
    created,
    rawXml,
    firstSeenAt,
  };
}
