import { z } from "zod";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { encodeVerdictEntry } from "@/lib/forge/comments/codec";
import { addTimelineEvents, publishEntry } from "@/lib/forge/comments/operations";
import { VERDICT_VALUES } from "@/lib/forge/comments/verdict";
import { ForgeError } from "@/lib/forge/errors";
import { refuseIfLocked } from "@/lib/forge/moderation/thread-lock";
import { loadProject } from "@/lib/forge/projects/load-project";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import type { Viewer } from "@/lib/forge/viewer";
import { BareJidSchema, splitJid } from "@/lib/xmpp/jid";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { encodeMergeRequest, MAX_REVIEWERS } from "./codec";
import { currentMergeRequest, republish } from "./operations";

export const ReviewerChangeSchema = z.object({
  jid: BareJidSchema,
  change: z.enum(["add", "remove"]),
});

/**
 * Asks `jid` (on any server) to review, or withdraws the request: the merge request item's
 * `reviewers` field, republished with every other field as it was, and the change recorded
 * in its comments node. Only its author or a maintainer (as the overwrite flag reads them, so
 * the change is never flagged) may.
 */
export async function changeReviewers(
  viewer: Viewer,
  mergeRequestId: string,
  input: unknown,
): Promise<void> {
  const { jid, change } = ReviewerChangeSchema.parse(input);
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  const project = await loadProject(cached.projectId);
  const author = [cached.authorJid, cached.firstPublisher].includes(viewer.jid);
  if (!author && !(await isProjectMaintainer(viewer, project, "instance-then-info-publisher"))) {
    throw new ForgeError("not-author-or-maintainer", { action: "change its reviewers" });
  }
  const reviewers =
    change === "add"
      ? [...new Set([...request.reviewers, jid])].slice(0, MAX_REVIEWERS)
      : request.reviewers.filter((reviewer) => reviewer !== jid);
  if (reviewers.join("\n") === request.reviewers.join("\n")) return;
  await republish(
    viewer,
    cached,
    encodeMergeRequest(request, { reviewers, updated: new Date().toISOString() }),
  );
  await addTimelineEvents(viewer, request.commentsUri, [
    { field: "reviewers", from: [...request.reviewers], to: reviewers },
  ]);
}

export const VerdictFormSchema = z.object({
  value: z.enum(VERDICT_VALUES, "Choose approve, request changes or comment"),
  /** The revision the page showed: the verdict judges that one, or is refused. */
  revision: z.coerce.number().int().positive(),
  markdown: z
    .string()
    .trim()
    .max(50_000, "The review is too long (50,000 characters at most)")
    .default(""),
});

/**
 * A reviewer's verdict on the merge request's current revision, as an entry of its comments
 * node: anyone who may comment may give one; whose it is, is the entry's publisher.
 */
export async function giveVerdict(
  viewer: Viewer,
  mergeRequestId: string,
  input: unknown,
): Promise<void> {
  const { value, revision, markdown } = VerdictFormSchema.parse(input);
  const cached = await findMergeRequest(mergeRequestId);
  if (!cached) throw new ForgeError("item-gone", { item: "merge-request", where: "cache" });
  if (revision !== cached.revision) {
    throw new ForgeError("verdict-revision-gone", { shown: revision, revision: cached.revision });
  }
  const address = parseXmppUri(cached.commentsUri);
  if (!address?.node) throw new ForgeError("no-comments-node");
  const node = { jid: address.jid, node: address.node };
  await refuseIfLocked(viewer, cached.projectId, node);
  const now = new Date().toISOString();
  await publishEntry(viewer, node, (id) =>
    encodeVerdictEntry({
      verdict: { value, revision },
      markdown,
      authorName: splitJid(viewer.jid).local,
      authorJid: viewer.jid,
      published: now,
      updated: now,
      id,
    }),
  );
}
