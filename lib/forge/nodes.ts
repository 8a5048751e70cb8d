import { z } from "zod";

/**
 * Where a project's data lives on its pubsub service (docs/architecture.md §3). Tracker node
 * names follow Libervia: it only finds trackers under `fdp/submitted/` and derives the schema
 * node by swapping that prefix for `fdp/template/`; the `_<slug>` suffix lets one service host
 * many.
 */
export const TICKETS_NS = "org.salut-a-toi.tickets:0";
export const MERGE_REQUESTS_NS = "org.salut-a-toi.merge_requests:0";
/** XEP-0277 comments nodes; Libervia names a thread `<prefix><tracker node>_<id>`. */
export const COMMENTS_PREFIX = "urn:xmpp:microblog:0:comments/";

export const SlugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Use lower-case letters, digits and dashes (up to 63)");

export const ServiceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/, "Enter a pubsub service address like pubsub.example.org")
  .max(253);

export interface ProjectNodes {
  info: string;
  tickets: string;
  ticketsSchema: string;
  mergeRequests: string;
  mergeRequestsSchema: string;
  /** Every series every merge request carried, item `<mr item id>_r<n>` (Pubforge's own). */
  mergeRequestRevisions: string;
  /**
   * The merge log, writable by maintainers only: a merge is recorded here before the series is
   * applied, so the pubsub service, not Pubforge, decides who may merge.
   */
  merges: string;
  wiki: string;
  wikiHistory: string;
  /**
   * Who is blocked and which threads are locked (lib/forge/moderation): readable by whoever may
   * read the project, so that every instance showing it hides the same things; maintainers
   * publish.
   */
  moderation: string;
  /** What maintainers did (blocks, deletions, locks): readable by the project's affiliates only. */
  moderationLog: string;
  /**
   * CI statuses per merge request revision (lib/forge/checks): read like the project; only the
   * bots maintainers made its publishers may publish.
   */
  checks: string;
}

export function projectNodes(slug: string): ProjectNodes {
  return {
    info: `forge/${slug}/project`,
    tickets: `fdp/submitted/${TICKETS_NS}_${slug}`,
    ticketsSchema: `fdp/template/${TICKETS_NS}_${slug}`,
    mergeRequests: `fdp/submitted/${MERGE_REQUESTS_NS}_${slug}`,
    mergeRequestsSchema: `fdp/template/${MERGE_REQUESTS_NS}_${slug}`,
    mergeRequestRevisions: `forge/${slug}/mr-revisions`,
    merges: `forge/${slug}/merges`,
    wiki: `forge/${slug}/wiki`,
    wikiHistory: `forge/${slug}/wiki-history`,
    moderation: `forge/${slug}/moderation`,
    moderationLog: `forge/${slug}/moderation-log`,
    checks: `forge/${slug}/checks`,
  };
}

/** The nodes that carry a project's content, in the order a sync reads them (info first). */
export function projectContentNodes(slug: string): string[] {
  const nodes = projectNodes(slug);
  return [
    nodes.info,
    nodes.tickets,
    nodes.mergeRequests,
    nodes.mergeRequestRevisions,
    nodes.wiki,
    nodes.wikiHistory,
    nodes.moderation,
    nodes.checks,
  ];
}

export function projectId(service: string, slug: string): string {
  return `${service}/${slug}`;
}

/** A fresh XEP-0277 comments node for one ticket or merge request, named as Libervia does. */
export function newCommentsNode(trackerNode: string): string {
  // Hex, not base64url: the random part must not contain the "_" that separates it. Web Crypto,
  // not node:crypto, so that page addresses (routes.ts) built from nodes work in the browser.
  const random = crypto.getRandomValues(new Uint8Array(12));
  const hex = Array.from(random, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${COMMENTS_PREFIX}${trackerNode}_${hex}`;
}

export type NodeRole =
  | { role: "info"; slug: string }
  | { role: "tickets"; slug: string }
  | { role: "merge-requests"; slug: string }
  | { role: "wiki"; slug: string }
  | { role: "wiki-history"; slug: string }
  | { role: "mr-revisions"; slug: string }
  | { role: "moderation"; slug: string }
  | { role: "checks"; slug: string }
  | { role: "comments"; slug: string; trackerNode: string };

const TRACKER =
  /^fdp\/submitted\/(org\.salut-a-toi\.(?:tickets|merge_requests):0)_([A-Za-z0-9][A-Za-z0-9-]*)$/;

/** Which project, and which part of it, a node name belongs to (null: not a Pubforge node). */
export function classifyNode(node: string): NodeRole | null {
  const forge =
    /^forge\/([A-Za-z0-9][A-Za-z0-9-]*)\/(project|wiki|wiki-history|mr-revisions|moderation|checks)$/.exec(
      node,
    );
  if (forge) {
    const [, slug = "", part] = forge;
    const roles = {
      project: "info",
      wiki: "wiki",
      "wiki-history": "wiki-history",
      "mr-revisions": "mr-revisions",
      moderation: "moderation",
      checks: "checks",
    } as const;
    return { role: roles[part as keyof typeof roles], slug };
  }
  const tracker = TRACKER.exec(node);
  if (tracker) {
    const [, ns, slug = ""] = tracker;
    return ns === TICKETS_NS ? { role: "tickets", slug } : { role: "merge-requests", slug };
  }
  if (node.startsWith(COMMENTS_PREFIX)) {
    const rest = node.slice(COMMENTS_PREFIX.length);
    const cut = rest.lastIndexOf("_");
    const trackerNode = cut > 0 ? rest.slice(0, cut) : "";
    const parent = TRACKER.exec(trackerNode);
    if (parent) return { role: "comments", slug: parent[2] ?? "", trackerNode };
  }
  return null;
}
