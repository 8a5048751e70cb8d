import { createHash } from "node:crypto";

/*
 * Trackers are publish_model=open (Libervia writes to them), so anyone who may read a tracker
 * can republish someone else's ticket or merge request under the same item id. Each version is
 * judged by who its service says published it (the item's `publisher` attribute, Prosody's
 * expose_publisher), never by the author the item claims: `author_jid` is the writer's word.
 *
 * The rule: a version is trusted when its publisher is the item's first publisher (who
 * published the first version this instance saw) or a maintainer of the project; a version by
 * anyone else flags the item until a trusted version follows. A version whose publisher the
 * service does not give (no expose_publisher) is neither: it is not trusted, so a revert never
 * restores it, and it leaves the flag as it was, so such a service does not flag every item.
 */

export interface PublishedVersion {
  /** Who published the item's first version as this instance saw it; "" if unknown. */
  firstPublisher: string;
  /** Who published this version, as the service reports it (bare JID); "" if it did not say. */
  publisher: string;
  /** The item's flag before this version: who overwrote it, or "". */
  flaggedBy: string;
}

export interface Verdict {
  /** A version a revert may go back to. */
  trusted: boolean;
  /** Who the item is flagged as changed by; "" when it is not flagged. */
  flaggedBy: string;
}

const sameJid = (a: string, b: string) => a !== "" && a.toLowerCase() === b.toLowerCase();

/** Whether judging this version needs the project's maintainers at all. */
export function needsMaintainers(version: Omit<PublishedVersion, "flaggedBy">): boolean {
  return version.publisher !== "" && !sameJid(version.firstPublisher, version.publisher);
}

export function judgeVersion(
  version: PublishedVersion,
  isMaintainer: (jid: string) => boolean,
): Verdict {
  const { firstPublisher, publisher } = version;
  if (publisher === "") return { trusted: false, flaggedBy: version.flaggedBy };
  if (sameJid(firstPublisher, publisher) || isMaintainer(publisher.toLowerCase())) {
    return { trusted: true, flaggedBy: "" };
  }
  // Also when the first publisher is unknown: nobody vouches for this one.
  return { trusted: false, flaggedBy: publisher };
}

/**
 * Whether an incoming version ends the stored one's run: the history keeps the last version of
 * each publisher's run, since a revert goes back to the last version a trusted publisher left.
 * Versions one publisher replaces with another of their own are not kept: telling them apart
 * from the same version read again would mean hashing a canonical form of every item a sync
 * reads (Prosody and Pubforge write attributes in different orders).
 */
export function replacesPublisher(storedPublisher: string, incomingPublisher: string): boolean {
  return storedPublisher.toLowerCase() !== incomingPublisher.toLowerCase();
}

/**
 * What a revert or keep form carries of the version it shows: a digest of the cached item, so
 * that a version that arrived since is not reverted or kept unseen.
 */
export function versionPin(rawXml: string): string {
  return createHash("sha256").update(rawXml).digest("hex");
}
