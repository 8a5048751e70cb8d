import type { Verdict } from "@/lib/forge/comments/verdict";

/** A verdict as the cache holds it: who published it (the trusted publisher) and when. */
export interface VerdictEntry {
  readonly publisher: string;
  readonly published: Date;
  readonly verdict: Verdict;
  /** When this instance first cached the entry, by its own clock (null: before it kept that). */
  readonly firstSeenAt: Date | null;
}

/** Each revision of the merge request the cache has, with when it was first cached (as above). */
export type RevisionsSeen = ReadonlyMap<number, Date | null>;

/**
 * Whether a verdict names a revision this instance had not seen when it first saw the verdict.
 * The revision number and the dates are the publisher's word: without this, an approval of
 * revision 5 written before revision 5 existed would count once it arrived. A null time is a
 * row cached before first-seen times were kept, so older than any kept one.
 */
export function isPremature(
  entry: Pick<VerdictEntry, "verdict" | "firstSeenAt">,
  seen: RevisionsSeen,
): boolean {
  if (!seen.has(entry.verdict.revision)) return true;
  const revisionSeenAt = seen.get(entry.verdict.revision) ?? null;
  if (revisionSeenAt === null) return false;
  return entry.firstSeenAt === null || entry.firstSeenAt.getTime() < revisionSeenAt.getTime();
}

/** Someone's latest verdict, and whether it judged a revision other than the current one. */
export interface LatestVerdict extends VerdictEntry {
  readonly stale: boolean;
}

/**
 * Each reviewer's latest verdict, keyed by lower-case bare JID; a verdict on another revision
 * than `revision` is stale (an approval of revision 2 says nothing of revision 3). A premature
 * verdict (above) is left out: it judged nothing its publisher could have read.
 */
export function latestVerdicts(
  entries: readonly VerdictEntry[],
  revision: number,
  seen: RevisionsSeen,
): Map<string, LatestVerdict> {
  const latest = new Map<string, LatestVerdict>();
  for (const entry of entries) {
    if (isPremature(entry, seen)) continue;
    const who = entry.publisher.toLowerCase();
    const known = latest.get(who);
    if (known && known.published.getTime() > entry.published.getTime()) continue;
    latest.set(who, { ...entry, publisher: who, stale: entry.verdict.revision !== revision });
  }
  return latest;
}

/** What the review rules need to know about one merge request, all read from trusted sources. */
export interface ReviewFacts {
  /** The revision a merge would land. */
  readonly revision: number;
  /** Who opened it: their own verdicts count for nothing. */
  readonly authors: readonly string[];
  readonly maintainers: ReadonlySet<string>;
  /** Whom review was asked of: their requests for changes block, as a maintainer's do. */
  readonly reviewers: readonly string[];
  /** The project's rule (0: none). */
  readonly requiredApprovals: number;
  readonly verdicts: readonly VerdictEntry[];
  readonly revisionsSeen: RevisionsSeen;
}

export type ReviewBlocker =
  | { readonly rule: "approvals"; readonly missing: number }
  | { readonly rule: "changes-requested"; readonly by: string; readonly revision: number };

/**
 * What the review still lacks: approvals of the current revision from maintainers other than
 * the author, and no current request for changes from a maintainer or a requested reviewer.
 */
export function reviewBlockers(facts: ReviewFacts): ReviewBlocker[] {
  const authors = new Set(facts.authors.map((jid) => jid.toLowerCase()));
  const reviewers = new Set(facts.reviewers.map((jid) => jid.toLowerCase()));
  const counted = [
    ...latestVerdicts(facts.verdicts, facts.revision, facts.revisionsSeen).values(),
  ].filter(({ publisher, stale }) => !stale && !authors.has(publisher));
  const approvals = counted.filter(
    ({ publisher, verdict }) => verdict.value === "approve" && facts.maintainers.has(publisher),
  ).length;
  const blockers: ReviewBlocker[] = counted
    .filter(
      ({ publisher, verdict }) =>
        verdict.value === "request-changes" &&
        (facts.maintainers.has(publisher) || reviewers.has(publisher)),
    )
    .map(({ publisher, verdict }) => ({
      rule: "changes-requested",
      by: publisher,
      revision: verdict.revision,
    }));
  const missing = facts.requiredApprovals - approvals;
  return missing > 0 ? [{ rule: "approvals", missing }, ...blockers] : blockers;
}

export function reviewBlockerText(blocker: ReviewBlocker): string {
  switch (blocker.rule) {
    case "approvals":
      return `It needs ${blocker.missing} more approval${blocker.missing === 1 ? "" : "s"} from a maintainer.`;
    case "changes-requested":
      return `${blocker.by} requested changes on revision ${blocker.revision}: a new revision, or their approval, lifts it.`;
  }
}
