import { formatXmppUri, parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { projectNodes } from "./nodes";
import { HOME_SLUG } from "./wiki/links";

// Where things are: the addresses of the pages about them, and the ids they are cached under.
// Page addresses start from a project's path (`projectPath`), as pages know it as `base`.

/** `/p/<service>/<slug>`: where a project's pages live (its id is `<service>/<slug>`). */
export function projectPath(projectId: string): string {
  return `/p/${projectId}`;
}

/** A ticket or merge request as pages name it: its short number, or the item itself. */
export type ItemRef = number | { number: number | null; itemId: string };

/**
 * How pages name a ticket or merge request in their URLs: its short number when it has one
 * (`/tickets/12`, `/mr/7`), its item id otherwise (items other clients published).
 */
export function itemPathSegment(item: ItemRef): string {
  if (typeof item === "number") return String(item);
  return item.number === null ? encodeURIComponent(item.itemId) : String(item.number);
}

export const ticketsPath = (project: string): string => `${project}/tickets`;
export const newTicketPath = (project: string): string => `${ticketsPath(project)}/new`;
export const ticketPath = (project: string, item: ItemRef): string =>
  `${ticketsPath(project)}/${itemPathSegment(item)}`;

export const mergeRequestsPath = (project: string): string => `${project}/mr`;
export const newMergeRequestPath = (project: string): string => `${mergeRequestsPath(project)}/new`;
export const mergeRequestPath = (project: string, item: ItemRef): string =>
  `${mergeRequestsPath(project)}/${itemPathSegment(item)}`;

export const searchPath = (project: string): string => `${project}/search`;

/** Blocks, locked threads and the moderation log: for the project's maintainers. */
export const moderationPath = (project: string): string => `${project}/moderation`;

/** `/p/<service>/<slug>/wiki`, the prefix of every page's address, and the home page's. */
export const wikiPath = (project: string): string => `${project}/wiki`;

/** Where a wiki page and its subpages (`/edit`, `/history`) live. */
export const wikiPagePath = (project: string, slug: string): string =>
  `${wikiPath(project)}/${encodeURIComponent(slug)}`;

/** Where a link to a wiki page points: the home page is shown at the wiki's own address. */
export const wikiPageLink = (project: string, slug: string): string =>
  slug === HOME_SLUG ? wikiPath(project) : wikiPagePath(project, slug);

/** Cache ids name where an item lives: service, node and item id. */
export function itemKey(service: string, node: string, itemId: string): string {
  return `${service}/${node}/${itemId}`;
}

/** Cache id of a wiki page: where its current version lives. */
export function wikiPageKey(service: string, projectSlug: string, page: string): string {
  return itemKey(service, projectNodes(projectSlug).wiki, page);
}

/** One spelling per node, whatever percent-encoding the writer chose. */
export function normalizeNodeUri(uri: string | undefined): string {
  const address = uri ? parseXmppUri(uri) : undefined;
  return address?.node ? formatXmppUri({ jid: address.jid, node: address.node }) : "";
}
