import { formatXmppUri, parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { projectNodes } from "./nodes";
import { HOME_SLUG } from "./wiki/links";

// Where things are: the addresses of the pages about them, and the ids they are cached under.
// Page addresses start from a project's path (`projectPath`), as pages know it as `base`.

/** `/p/<service>/<slug>`: where a project's pages live (its id is `<service>/<slug>`). */
export function projectPath(projectId: string): string {
  return `/p/${projectId}`;
}

/** The signed-in person's dashboard, and the search across every project they may read. */
export const DASHBOARD_PATH = "/dashboard";
export const SEARCH_PATH = "/search";
export const searchQueryPath = (query: string): string =>
  `${SEARCH_PATH}?q=${encodeURIComponent(query)}`;

/** `/u/<jid>`: a person's profile page, and the avatar it shows. */
export const profilePath = (jid: string): string => `/u/${encodeURIComponent(jid)}`;
export const avatarPath = (jid: string, id: string): string =>
  `${profilePath(jid)}/avatar?v=${id.slice(0, 12)}`;

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
/** The new merge request form, filled in with a branch to merge when one is given. */
export function newMergeRequestPath(
  project: string,
  from?: { sourceUrl: string; sourceRef: string; targetBranch: string },
): string {
  const form = `${mergeRequestsPath(project)}/new`;
  return from ? `${form}?${new URLSearchParams(from)}` : form;
}
export const mergeRequestPath = (project: string, item: ItemRef): string =>
  `${mergeRequestsPath(project)}/${itemPathSegment(item)}`;

export const searchPath = (project: string): string => `${project}/search`;

/** Blocks, locked threads and the moderation log: for the project's maintainers. */
export const moderationPath = (project: string): string => `${project}/moderation`;

/** The project's settings: merge strategies, push mirror, import into hosting (maintainers). */
export const settingsPath = (project: string): string => `${project}/settings`;

/** `/p/<service>/<slug>/wiki`, the prefix of every page's address, and the home page's. */
export const wikiPath = (project: string): string => `${project}/wiki`;

/** Where a wiki page and its subpages (`/edit`, `/history`) live. */
export const wikiPagePath = (project: string, slug: string): string =>
  `${wikiPath(project)}/${encodeURIComponent(slug)}`;

/** Where a link to a wiki page points: the home page is shown at the wiki's own address. */
export const wikiPageLink = (project: string, slug: string): string =>
  slug === HOME_SLUG ? wikiPath(project) : wikiPagePath(project, slug);

/** `/p/<service>/<slug>/code`: the code browser, at the default branch. */
export const codePath = (project: string): string => `${project}/code`;

/**
 * A revision as one URL segment (`feature/x` → `feature%2Fx`), so that it never runs into the
 * path after it; a path as segments, each encoded.
 */
const revisionSegment = (rev: string) => encodeURIComponent(rev);
const pathSegments = (path: string) =>
  path === "" ? "" : `/${path.split("/").map(encodeURIComponent).join("/")}`;

export const codeTreePath = (project: string, rev: string, path = ""): string =>
  `${codePath(project)}/tree/${revisionSegment(rev)}${pathSegments(path)}`;
export const codeFilePath = (project: string, rev: string, path: string): string =>
  `${codePath(project)}/blob/${revisionSegment(rev)}${pathSegments(path)}`;
export const codeRawPath = (project: string, rev: string, path: string): string =>
  `${codePath(project)}/raw/${revisionSegment(rev)}${pathSegments(path)}`;
export const codeBlamePath = (project: string, rev: string, path: string): string =>
  `${codePath(project)}/blame/${revisionSegment(rev)}${pathSegments(path)}`;
export const codeCommitPath = (project: string, id: string): string =>
  `${codePath(project)}/commit/${revisionSegment(id)}`;
export const codeBranchesPath = (project: string): string => `${codePath(project)}/branches`;
export const codeTagsPath = (project: string): string => `${codePath(project)}/tags`;

/** The log of `rev`, optionally of one path, at a page (1 is the newest). */
export function codeLogPath(project: string, rev: string, { path = "", page = 1 } = {}): string {
  const query = new URLSearchParams();
  if (path) query.set("path", path);
  if (page > 1) query.set("page", String(page));
  const search = query.size > 0 ? `?${query}` : "";
  return `${codePath(project)}/commits/${revisionSegment(rev)}${search}`;
}

/** `…/code/compare/<base>...<head>`; without revisions, the form that picks them. */
export function codeComparePath(project: string, base?: string, head?: string): string {
  const compare = `${codePath(project)}/compare`;
  return base && head ? `${compare}/${revisionSegment(base)}...${revisionSegment(head)}` : compare;
}

/** The two revisions of a compare URL's last segment (as it arrives, still encoded). */
export function parseCompareRange(segment: string): { base: string; head: string } | undefined {
  const dots = segment.indexOf("...");
  if (dots <= 0 || dots + 3 >= segment.length) return undefined;
  const [base, head] = [segment.slice(0, dots), segment.slice(dots + 3)].map(decodeSegment);
  return base && head ? { base, head } : undefined;
}

/** A URL segment as it was before encoding, or undefined for one that no encoder wrote. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

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
