import { z } from "zod";
import { commentItemIds } from "@/lib/cache/comments";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { projectNodes } from "@/lib/forge/nodes";
import { loadProject } from "@/lib/forge/projects/load-project";
import { XmppFailure } from "@/lib/xmpp/errors";
import {
  configureNode,
  getAffiliations,
  getItems,
  setAffiliations,
  type Affiliation,
} from "@/lib/xmpp/pubsub";
import { formatXmppUri, parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { encodeLock, lockItemId, MAX_ALLOWED, MAX_KEPT } from "./codec";
import { trackerItemOfProject } from "./items";
import { appendLog } from "./log";
import { publishModerationItem, retractAndApplyIfThere } from "./writes";
import { maintainersOf } from "@/lib/forge/projects/affiliations";
import { affiliationsAsFarAsKnown } from "@/lib/forge/projects/maintainers";
import { type ModeratedProject, type Moderator, moderatorFor, requireMaintainer } from "./rights";

export const ThreadSchema = z.object({ parentId: z.string().min(1).max(3000) });

/** Whether the service itself now refuses comments from non-maintainers. */
export interface LockReport {
  enforcedByService: boolean;
}

/**
 * Locks the comments thread of a ticket or merge request. The lock item names the comments
 * published so far and the maintainers; from then on Pubforge shows only those and the
 * maintainers' new ones (lib/cache/comments.ts). Where the service allows, the thread's
 * publish model becomes `publishers`, the maintainers its publishers, so the service refuses
 * everyone else too (its owner, the item's author, keeps the right: Pubforge still hides them).
 */
export async function lockThread(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<LockReport> {
  const { project, parent, thread, moderator } = await threadOf(viewer, projectId, input);
  const allowed = await maintainersNow(viewer, project);
  const kept = await commentsNow(moderator, thread);
  const uri = formatXmppUri(thread);
  const lock = encodeLock({
    thread: uri,
    by: viewer.jid,
    at: new Date().toISOString(),
    allowed,
    kept,
  });
  await publishModerationItem(viewer, project, moderator, lock, lockItemId(uri));
  const enforcedByService = await moderator
    .act(thread.jid, thread.node, async (actor) => {
      const current = await getAffiliations(actor.session, thread.jid, thread.node);
      const grant = allowed.filter((jid) => !["owner", "publisher"].includes(current[jid] ?? ""));
      if (grant.length) {
        const publishers = Object.fromEntries(
          grant.map((jid) => [jid, "publisher" as Affiliation]),
        );
        await setAffiliations(actor.session, thread.jid, thread.node, publishers);
      }
      await configureNode(actor.session, thread.jid, thread.node, {
        "pubsub#publish_model": "publishers",
      });
      return true;
    })
    .catch(refusedByService);
  await appendLog(viewer, project, moderator, {
    action: "lock",
    target: parent.id,
    what: parent.what,
  });
  return { enforcedByService };
}

/** Reopens a locked thread to everyone who may read the project. */
export async function unlockThread(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { project, parent, thread, moderator } = await threadOf(viewer, projectId, input);
  const node = projectNodes(project.slug).moderation;
  await retractAndApplyIfThere(moderator, project.service, node, lockItemId(formatXmppUri(thread)));
  await moderator
    .act(thread.jid, thread.node, (actor) =>
      configureNode(actor.session, thread.jid, thread.node, { "pubsub#publish_model": "open" }),
    )
    .catch(refusedByService);
  await appendLog(viewer, project, moderator, {
    action: "unlock",
    target: parent.id,
    what: parent.what,
  });
}

async function threadOf(viewer: Viewer, projectId: string, input: unknown) {
  const { parentId } = ThreadSchema.parse(input);
  const project = await loadProject(projectId);
  await requireMaintainer(viewer, project);
  const parent = await trackerItemOfProject(project, parentId);
  const address = parent.commentsUri ? parseXmppUri(parent.commentsUri) : undefined;
  if (!address?.node) throw new ForgeError("no-comments-node");
  const thread = { jid: address.jid, node: address.node };
  return { project, parent, thread, moderator: moderatorFor(viewer, project) };
}

/** The owners and publishers of the project, as far as the service tells; the viewer always. */
async function maintainersNow(viewer: Viewer, project: ModeratedProject): Promise<string[]> {
  const affiliations = await affiliationsAsFarAsKnown(viewer, project);
  return [...new Set([viewer.jid, ...maintainersOf(affiliations)])].slice(0, MAX_ALLOWED);
}

/** The ids of the thread's items now: from the service, or as cached if it will not say. */
async function commentsNow(
  moderator: Moderator,
  thread: { jid: string; node: string },
): Promise<string[]> {
  const ids = await moderator
    .act(thread.jid, thread.node, (actor) => getItems(actor.session, thread.jid, thread.node))
    .then((items) => items.map((item) => item.id))
    .catch(async (error: unknown) => {
      if (!(error instanceof XmppFailure)) throw error;
      return commentItemIds(thread.jid, thread.node);
    });
  return ids.slice(-MAX_KEPT);
}

/** A service that will not change a thread leaves the lock to Pubforge's hiding. */
function refusedByService(error: unknown): false {
  if (error instanceof XmppFailure) return false;
  throw error;
}
