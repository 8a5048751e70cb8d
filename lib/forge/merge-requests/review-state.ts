import type {
  Comment,
  MergeRequest as MergeRequestRow,
  Project,
} from "@/lib/generated/prisma/client";
import { listComments } from "@/lib/cache/comments";
import { revisionsFirstSeen } from "@/lib/cache/merge-requests";
import { decodeComment } from "@/lib/forge/comments/codec";
import { NS_PUBFORGE_REVIEW } from "@/lib/forge/comments/review-namespace";
import type { Verdict } from "@/lib/forge/comments/verdict";
import { instanceSession } from "@/lib/forge/federation/instance";
import { projectMaintainers } from "@/lib/forge/projects/affiliations";
import { requiredApprovals } from "@/lib/forge/projects/required-approvals";
import { parseXml } from "@/lib/xmpp/xml";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import type { ReviewFacts, VerdictEntry } from "./review-rules";

/**
 * The verdict a cached comment records, read again from the entry it keeps: the cache has no
 * column of its own for it, so a sync from nothing gives the same verdicts.
 */
export function verdictOfRecord(row: Pick<Comment, "rawXml">): Verdict | undefined {
  // Most comments are not verdicts: only entries naming the namespace are parsed again.
  if (!row.rawXml.includes(NS_PUBFORGE_REVIEW)) return undefined;
  try {
    const decoded = decodeComment(parseXml(row.rawXml));
    return decoded.ok ? decoded.comment.verdict : undefined;
  } catch {
    return undefined;
  }
}

/** The verdicts among a thread's comments, each with its trusted publisher. */
export function verdictEntries(comments: readonly Comment[]): VerdictEntry[] {
  return comments.flatMap((row) => {
    const verdict = row.publisher ? verdictOfRecord(row) : undefined;
    return verdict
      ? [
          {
            publisher: row.publisher,
            published: row.published,
            verdict,
            firstSeenAt: row.firstSeenAt,
          },
        ]
      : [];
  });
}

/** Whom review was asked of, as the cached merge request's row keeps it (records.ts). */
export function reviewersOfRecord(request: Pick<MergeRequestRow, "reviewers">): readonly string[] {
  const reviewers: unknown = JSON.parse(request.reviewers);
  return Array.isArray(reviewers) ? reviewers.filter((jid) => typeof jid === "string") : [];
}

type RequestRow = Pick<
  MergeRequestRow,
  "id" | "projectId" | "commentsUri" | "authorJid" | "firstPublisher" | "reviewers"
>;

/**
 * What the review rules judge, from trusted readings only: verdicts as the cache holds them
 * (by publisher), maintainers as the overwrite flag reads them (the service's list, or the
 * info item's publisher), the project's rule from its info item. `current` is the merge
 * request as just read from its service, when the caller has it.
 */
export async function reviewFacts(
  project: Project,
  request: RequestRow,
  current: { revision: number; reviewers?: readonly string[] },
  comments?: readonly Comment[],
): Promise<ReviewFacts> {
  const at = parseXmppUri(request.commentsUri);
  const [thread, maintainers, revisionsSeen] = await Promise.all([
    comments ?? (at?.node ? listComments(request.projectId, at.jid, at.node) : []),
    projectMaintainers(project, await instanceSession()),
    revisionsFirstSeen(request.id),
  ]);
  return {
    revision: current.revision,
    authors: [request.authorJid, request.firstPublisher].filter(Boolean),
    maintainers,
    reviewers: current.reviewers ?? reviewersOfRecord(request),
    requiredApprovals: requiredApprovals(project),
    verdicts: verdictEntries(thread),
    revisionsSeen,
  };
}
