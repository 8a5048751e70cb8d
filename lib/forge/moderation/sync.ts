import {
  deleteModerationItems,
  deleteProjectModeration,
  upsertBlock,
  upsertThreadLock,
} from "@/lib/cache/moderation";
import { projectCommentsUris } from "@/lib/cache/projects";
import { changeBus } from "@/lib/events/bus";
import { announceComments } from "@/lib/forge/comments/sync";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { itemKey } from "@/lib/forge/routes";
import {
  type DomainSync,
  emptyResult,
  rejectItem,
  type SyncContext,
} from "@/lib/forge/sync/domain";
import { decodeModerationItem } from "./codec";
import { blockRecord, threadLockRecord } from "./records";

/**
 * Items of `forge/<slug>/moderation`: blocks and thread locks. Only the project's maintainers
 * may publish there (publish model `publishers`), so the service vouches for every item.
 */
export const moderationSync: DomainSync = {
  needsProject: true,

  async applyItems(context, items) {
    const result = emptyResult();
    for (const item of items) {
      const decoded = decodeModerationItem(item);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      if (decoded.item.kind === "block") {
        await upsertBlock(blockRecord(context, item, decoded.item.block));
      } else {
        await upsertThreadLock(threadLockRecord(context, item, decoded.item.lock));
      }
      result.applied++;
    }
    if (result.applied) await announce(context);
    return result;
  },

  async applyRetractions(context, itemIds) {
    await deleteModerationItems(itemIds.map((id) => itemKey(context.service, context.node, id)));
    await announce(context);
  },

  async applyPurge(context) {
    await deleteProjectModeration(context.projectId);
    await announce(context);
  },
};

/**
 * A block or lock changes what every page of the project shows, and how many comments each
 * thread shows: those counts are recounted (rare, and one query per thread).
 */
async function announce({ projectId }: SyncContext): Promise<void> {
  for (const uri of await projectCommentsUris(projectId)) {
    const thread = parseXmppUri(uri);
    if (thread?.node) await announceComments({ projectId, service: thread.jid, node: thread.node });
  }
  changeBus().publish({ projectId, kind: "project", id: projectId });
}
