import xml from "@xmpp/xml";
import { findProject, setMirror } from "@/lib/cache/projects";
import { changeBus } from "@/lib/events/bus";
import type { Project } from "@/lib/generated/prisma/client";
import { isFailure } from "@/lib/xmpp/errors";
import {
  createNode,
  getItems,
  NS_PUBSUB,
  publish,
  retract,
  type IqRequester,
  type NodeConfig,
  type PubsubItem,
} from "@/lib/xmpp/pubsub";
import type { PubsubEvent } from "@/lib/xmpp/pubsub-event";
import { classifyNode, projectContentNodes, projectId } from "@/lib/forge/nodes";
import { homeCommentsNodes } from "@/lib/forge/projects/comments-nodes";

/**
 * A copy of a project from another server on this instance's own pubsub service, so the
 * project stays on XMPP (not only in this cache) when its home server is away. Items keep
 * their ids and payloads verbatim; the mirror is written by the instance alone.
 */
const MIRROR_NODE_CONFIG: NodeConfig = {
  "pubsub#access_model": "open",
  "pubsub#publish_model": "publishers",
  "pubsub#persist_items": "1",
  "pubsub#max_items": "max",
  "pubsub#notify_retract": "1",
};

/** `mirror/<home service>/<home node>`: never mistaken for a project hosted on the mirror. */
export function mirrorNodeName(homeService: string, node: string): string {
  return `mirror/${homeService}/${node}`;
}

export interface MirrorPlan {
  publish: PubsubItem[];
  retract: string[];
}

/** What makes the mirror node equal to the home node: same ids, same payloads, nothing else. */
export function planMirrorSync(home: PubsubItem[], mirror: PubsubItem[]): MirrorPlan {
  const mirrored = new Map(mirror.map((item) => [item.id, item.payload?.toString()]));
  const homeIds = new Set(home.map((item) => item.id));
  return {
    publish: home.filter(
      (item) => item.payload && mirrored.get(item.id) !== item.payload.toString(),
    ),
    retract: mirror.filter((item) => !homeIds.has(item.id)).map((item) => item.id),
  };
}

/** Every home node a mirror copies: the project's nodes and its comments nodes on the same service. */
async function homeNodesOf(project: Project): Promise<string[]> {
  return [...projectContentNodes(project.slug), ...(await homeCommentsNodes(project))];
}

async function itemsOrNone(session: IqRequester, service: string, node: string) {
  try {
    return await getItems(session, service, node);
  } catch (error) {
    if (isFailure(error, "item-not-found")) return undefined;
    throw error;
  }
}

async function publishToMirror(
  session: IqRequester,
  mirrorService: string,
  mirrorNode: string,
  item: PubsubItem,
): Promise<void> {
  if (!item.payload) return;
  try {
    await publish(session, mirrorService, mirrorNode, item.payload, { id: item.id });
  } catch (error) {
    if (!isFailure(error, "item-not-found")) throw error;
    // A node the home created after the last catch-up (a new comments thread, say).
    await createNode(session, mirrorService, mirrorNode, MIRROR_NODE_CONFIG);
    await publish(session, mirrorService, mirrorNode, item.payload, { id: item.id });
  }
}

async function retractFromMirror(
  session: IqRequester,
  mirrorService: string,
  mirrorNode: string,
  itemId: string,
): Promise<void> {
  await retract(session, mirrorService, mirrorNode, itemId).catch((error: unknown) => {
    if (!isFailure(error, "item-not-found")) throw error;
  });
}

export interface CatchUpReport {
  nodes: number;
  published: number;
  retracted: number;
}

/** Makes one mirror node equal to its home node. */
async function catchUpNode(
  session: IqRequester,
  project: Project,
  node: string,
  report: CatchUpReport,
): Promise<void> {
  const home = await itemsOrNone(session, project.service, node);
  if (!home) return;
  const mirrorNode = mirrorNodeName(project.service, node);
  let mirror = await itemsOrNone(session, project.mirrorService, mirrorNode);
  if (!mirror) {
    await createNode(session, project.mirrorService, mirrorNode, MIRROR_NODE_CONFIG);
    mirror = [];
  }
  const plan = planMirrorSync(home, mirror);
  for (const item of plan.publish) {
    await publishToMirror(session, project.mirrorService, mirrorNode, item);
    report.published++;
  }
  for (const id of plan.retract) {
    await retractFromMirror(session, project.mirrorService, mirrorNode, id);
    report.retracted++;
  }
}

export interface MirrorProgress {
  state: "copying" | "current" | "failed";
  done: number;
  total: number;
  error?: string;
}

const globalForMirrors = globalThis as unknown as {
  pubforgeMirrorProgress?: Map<string, MirrorProgress>;
};

function progressMap(): Map<string, MirrorProgress> {
  globalForMirrors.pubforgeMirrorProgress ??= new Map();
  return globalForMirrors.pubforgeMirrorProgress;
}

/** How the last (or running) catch-up of a project's mirror went, for its pages. */
export function mirrorProgress(id: string): MirrorProgress | undefined {
  return progressMap().get(id);
}

function setProgress(id: string, progress: MirrorProgress): void {
  progressMap().set(id, progress);
  changeBus().publish({ projectId: id, kind: "project", id });
}

/**
 * Brings a project's mirror up to date with its home service: after it is first mirrored,
 * and whenever the home service comes back. Idempotent: items keep their ids, so nothing
 * is duplicated, and what the home retracted meanwhile is retracted from the mirror too.
 */
export function catchUpMirror(session: IqRequester, id: string): Promise<CatchUpReport> {
  const running = inFlight.get(id);
  if (running) return running;
  const work = catchUp(session, id).finally(() => inFlight.delete(id));
  inFlight.set(id, work);
  return work;
}

const inFlight = new Map<string, Promise<CatchUpReport>>();

async function catchUp(session: IqRequester, id: string): Promise<CatchUpReport> {
  const project = await findProject(id);
  const report: CatchUpReport = { nodes: 0, published: 0, retracted: 0 };
  if (!project?.mirrorService) return report;
  const nodes = await homeNodesOf(project);
  setProgress(id, { state: "copying", done: 0, total: nodes.length });
  try {
    for (const node of nodes) {
      await catchUpNode(session, project, node, report);
      report.nodes++;
      setProgress(id, { state: "copying", done: report.nodes, total: nodes.length });
    }
  } catch (error) {
    setProgress(id, {
      state: "failed",
      done: report.nodes,
      total: nodes.length,
      error: (error as Error).message,
    });
    throw error;
  }
  await setMirror(id, { mirroredAt: new Date() });
  setProgress(id, { state: "current", done: nodes.length, total: nodes.length });
  return report;
}

/** Copies what a notification from a mirrored project's home service says onto the mirror. */
export async function mirrorPubsubEvent(session: IqRequester, event: PubsubEvent): Promise<void> {
  const role = classifyNode(event.node);
  if (!role) return;
  const project = await findProject(projectId(event.service, role.slug));
  if (!project?.mirrorService) return;
  const mirrorNode = mirrorNodeName(event.service, event.node);
  if (event.kind === "items") {
    for (const item of event.items) {
      await publishToMirror(session, project.mirrorService, mirrorNode, item);
    }
  } else if (event.kind === "retract") {
    for (const itemId of event.ids) {
      await retractFromMirror(session, project.mirrorService, mirrorNode, itemId);
    }
  } else {
    return;
  }
  await setMirror(project.id, { mirroredAt: new Date() });
}

/**
 * A reader that answers item reads of the home service from its mirror, for refilling the
 * cache while the home is away. Publisher attributes are dropped: on the mirror they name the
 * instance that copied the item, not the person who published it.
 */
export function readingFromMirror(
  session: IqRequester,
  homeService: string,
  mirrorService: string,
): IqRequester {
  return {
    async request(iq, timeoutMs) {
      const items = iq.getChild("pubsub", NS_PUBSUB)?.getChild("items");
      if (iq.attrs.to !== homeService || iq.attrs.type !== "get" || !items) {
        return session.request(iq, timeoutMs);
      }
      const copy = xml(
        "iq",
        { type: "get", to: mirrorService },
        xml(
          "pubsub",
          { xmlns: NS_PUBSUB },
          xml(
            "items",
            { ...items.attrs, node: mirrorNodeName(homeService, String(items.attrs.node)) },
            ...items.getChildElements(),
          ),
        ),
      );
      const reply = await session.request(copy, timeoutMs);
      const replyItems = reply.getChild("pubsub", NS_PUBSUB)?.getChild("items");
      for (const item of replyItems?.getChildren("item") ?? []) delete item.attrs.publisher;
      return reply;
    },
  };
}
