import { createHash } from "node:crypto";
import { latestWikiRevision } from "@/lib/cache/wiki";
import type { WikiRevision } from "@/lib/generated/prisma/client";
import { isFailure } from "@/lib/xmpp/errors";
import { ForgeError } from "@/lib/forge/errors";
import { getItems, type IqRequester, type PubsubItem } from "@/lib/xmpp/pubsub";
import { bareJid } from "@/lib/xmpp/jid";
import { NS_ATOM } from "@/lib/forge/comments/codec";
import { projectNodes } from "@/lib/forge/nodes";
import { lineDiff, type DiffRow } from "./diff";
import { decodeWikiItem, historyItemId, type WikiPage } from "./codec";
import { parseXml } from "@/lib/xmpp/xml";

/** What an editor started from: the revision, and a digest of its text (see pageDigest). */
export interface WikiBase {
  revision: number;
  digest: string;
}

/**
 * Title and text, hashed. The revision number alone would miss an edit by a client that keeps
 * Pubforge's revision element unchanged; the digest does not.
 */
export function pageDigest(page: { title: string; markdown: string }): string {
  return createHash("sha256")
    .update(`${page.title}\u0000${page.markdown}`)
    .digest("base64url")
    .slice(0, 22);
}

export interface LatestState {
  /** The page item as the service has it now (absent: no such page, or deleted). */
  current: WikiPage | undefined;
  /** The newest version: the page item, or a newer history revision whose page publish
   *  has not happened (yet). A deletion marker when the page was deleted or renamed away. */
  latest: (WikiPage & { publisher: string }) | undefined;
  /** The highest revision number taken for this slug: the next one is this + 1. */
  revision: number;
}

async function itemById(
  session: IqRequester,
  service: string,
  node: string,
  id: string,
): Promise<PubsubItem | undefined> {
  try {
    const items = await getItems(session, service, node, { ids: [id] });
    return items.find((item) => item.id === id);
  } catch (error) {
    if (isFailure(error, "item-not-found")) return undefined;
    throw error;
  }
}

/** A few history probes cover any realistic pile-up of half-finished saves. */
const MAX_PROBES = 5;

/**
 * Reads a page fresh from the service with the editor's own session, then looks for history
 * revisions past it: a save publishes the history item first, so a revision there that the page
 * lacks is a save in progress (or one that failed halfway), and its number is taken.
 */
export async function readLatest(
  session: IqRequester,
  service: string,
  projectId: string,
  projectSlug: string,
  slug: string,
): Promise<LatestState> {
  const nodes = projectNodes(projectSlug);
  const item = await itemById(session, service, nodes.wiki, slug);
  const decoded = item ? decodeWikiItem(item.element, "page") : undefined;
  if (decoded && !decoded.ok) {
    throw new ForgeError("unreadable-item", { item: "page", reason: decoded.reason });
  }
  const current = decoded?.page;
  const known = await latestWikiRevision(projectId, slug);
  let latest: LatestState["latest"] = current
    ? { ...current, publisher: bareJid(item?.publisher) }
    : known
      ? { ...fromCache(known), publisher: known.publisher }
      : undefined;
  let revision = Math.max(current?.revision ?? 0, known?.revision ?? 0);
  for (let probe = 0; ; probe++) {
    if (probe === MAX_PROBES) {
      throw new ForgeError("saves-in-progress");
    }
    const id = historyItemId(slug, revision + 1);
    const next = await itemById(session, service, nodes.wikiHistory, id);
    if (!next) break;
    // Taken, even if unreadable: an existing history item is never published over.
    revision++;
    const page = decodeWikiItem(next.element, "revision");
    if (page.ok) latest = { ...page.page, publisher: bareJid(next.publisher) };
  }
  return { current, latest, revision };
}

/** A cached revision (a deletion marker, typically) in the codec's shape. */
function fromCache(row: WikiRevision): WikiPage {
  return {
    slug: row.slug,
    title: row.title,
    markdown: row.markdown,
    summary: row.summary,
    revision: row.revision,
    updated: row.updated.toISOString(),
    authorName: undefined,
    authorJid: row.authorJid || undefined,
    deleted: row.deleted,
    renamedFrom: row.renamedFrom || undefined,
    movedTo: row.movedTo || undefined,
    entry: parseXml(row.rawXml).getChild("entry", NS_ATOM) ?? parseXml(row.rawXml),
  };
}

export interface WikiConflict {
  /** The version saved since the editor opened (deleted: the page was deleted or renamed). */
  theirs: {
    revision: number;
    title: string;
    markdown: string;
    summary: string;
    publisher: string;
    updated: string;
    deleted: boolean;
    movedTo: string;
  };
  /** Their text against the editor's, line by line. */
  rows: DiffRow[];
  /** What a save over their version starts from. */
  base: WikiBase;
}

/**
 * What every wiki operation that acts on the version a person saw (save, delete, rename) throws
 * when the page changed since: nothing was published, and the conflict says what is there now.
 */
export class WikiConflictError extends ForgeError<"edit-conflict"> {
  constructor(readonly conflict: WikiConflict) {
    super("edit-conflict", {
      publisher: conflict.theirs.publisher,
      revision: conflict.theirs.revision,
      deleted: conflict.theirs.deleted,
    });
  }
}

/**
 * Whether saving over `state` from `base` would overwrite someone else's work. Creating a page
 * (revision 0) conflicts only with a page that exists; editing conflicts with any change.
 */
export function conflictOf(
  state: LatestState,
  base: WikiBase,
  mine: { markdown: string },
): WikiConflict | undefined {
  const theirs = state.latest;
  const gone = !theirs || theirs.deleted;
  if (gone && base.revision === 0) return undefined;
  if (theirs && !gone && theirs.revision === base.revision && pageDigest(theirs) === base.digest) {
    return undefined;
  }
  return {
    theirs: {
      revision: theirs?.revision ?? state.revision,
      title: theirs?.title ?? "",
      markdown: gone ? "" : theirs.markdown,
      summary: theirs?.summary ?? "",
      publisher: theirs?.publisher ?? "",
      updated: theirs?.updated ?? "",
      deleted: gone,
      movedTo: theirs?.movedTo ?? "",
    },
    rows: lineDiff(gone ? "" : theirs.markdown, mine.markdown.replace(/\r\n?/g, "\n")),
    // Saving over a deleted page recreates it: that starts from nothing, like a new page.
    base: gone
      ? { revision: 0, digest: "" }
      : { revision: theirs.revision, digest: pageDigest(theirs) },
  };
}
