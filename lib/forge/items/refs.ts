import { itemsNumbered, type NumberedKind } from "@/lib/cache/item-numbers";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { findTicket } from "@/lib/cache/tickets";
import { publishedByBlocked } from "@/lib/cache/moderation";
import type { MergeRequest, Ticket } from "@/lib/generated/prisma/client";
import { parseItemNumber } from "./number";
import { projectId, projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";

interface ProjectRef {
  service: string;
  slug: string;
}

/** The cache id of the item a URL segment names: a number, or else an item id. */
async function resolve(
  kind: NumberedKind,
  service: string,
  node: string,
  segment: string,
): Promise<string[]> {
  const ref = decodedSegment(segment);
  const number = parseItemNumber(ref);
  // While a race is being settled two items may share a number: the first holds it.
  const [numbered] = number === undefined ? [] : await itemsNumbered(kind, service, node, number);
  // An item id that happens to be all digits is still found by its id.
  return [...(numbered ? [numbered.id] : []), itemKey(service, node, ref)];
}

// A malformed escape (`%E0%A4%A`) names no item; it must not crash the page.
function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** An item a blocked publisher filed or last published is not shown: as if it did not exist. */
async function unlessBlocked<T extends { publisher: string; authorJid: string }>(
  project: ProjectRef,
  item: T,
): Promise<T | null> {
  const id = projectId(project.service, project.slug);
  return (await publishedByBlocked(id, [item.publisher, item.authorJid])) ? null : item;
}

export async function findTicketByRef(
  project: ProjectRef,
  segment: string,
): Promise<Ticket | null> {
  const node = projectNodes(project.slug).tickets;
  for (const id of await resolve("ticket", project.service, node, segment)) {
    const ticket = await findTicket(id);
    if (ticket) return unlessBlocked(project, ticket);
  }
  return null;
}

export async function findMergeRequestByRef(
  project: ProjectRef,
  segment: string,
): Promise<MergeRequest | null> {
  const node = projectNodes(project.slug).mergeRequests;
  for (const id of await resolve("merge-request", project.service, node, segment)) {
    const request = await findMergeRequest(id);
    if (request) return unlessBlocked(project, request);
  }
  return null;
}
