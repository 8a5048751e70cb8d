import type { MergeRequestCheck } from "@/lib/generated/prisma/client";
import { deleteChecks, deleteProjectChecks, upsertCheck } from "@/lib/cache/checks";
import { changeBus } from "@/lib/events/bus";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { xmlString } from "@/lib/xmpp/xml-string";
import { connectedInstance } from "@/lib/forge/federation/instance-account";
import { itemPublisher } from "@/lib/forge/items/record-fields";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import {
  type DomainSync,
  emptyResult,
  rejectItem,
  type SyncContext,
} from "@/lib/forge/sync/domain";
import { type Check, decodeCheck } from "./codec";
import { checkRefusal } from "./publishers";

export function checkRecord(
  context: SyncContext,
  item: PubsubItem,
  check: Check,
  now: Date,
): MergeRequestCheck {
  return {
    id: itemKey(context.service, context.node, item.id),
    projectId: context.projectId,
    mergeRequestId: itemKey(
      context.service,
      projectNodes(context.slug).mergeRequests,
      check.mergeRequest,
    ),
    revision: check.revision,
    name: check.name,
    status: check.status,
    url: check.url,
    summary: check.summary,
    publisher: itemPublisher(item).toLowerCase(),
    updated: now,
    rawXml: xmlString(item.element),
  };
}

/**
 * Items of `forge/<slug>/checks`. Each arrival announces its merge request, so open pages of it
 * (and the list) show the new status at once.
 */
export const checkSync: DomainSync = {
  needsProject: true,

  async applyItems(context, items) {
    const result = emptyResult();
    const project = { id: context.projectId, service: context.service, slug: context.slug };
    const instance = connectedInstance();
    for (const item of items) {
      const decoded = decodeCheck(item);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      const refusal = await checkRefusal(project, itemPublisher(item), instance);
      if (refusal) {
        rejectItem(context, result, item, refusal);
        continue;
      }
      const record = checkRecord(context, item, decoded.check, context.observedAt ?? new Date());
      await upsertCheck(record);
      changeBus().publish({
        projectId: context.projectId,
        kind: "merge-request",
        id: record.mergeRequestId,
      });
      result.applied++;
    }
    return result;
  },

  async applyRetractions(context, itemIds) {
    await deleteChecks(itemIds.map((id) => itemKey(context.service, context.node, id)));
    changeBus().publish({ projectId: context.projectId, kind: "project", id: context.projectId });
  },

  async applyPurge(context) {
    await deleteProjectChecks(context.projectId);
    changeBus().publish({ projectId: context.projectId, kind: "project", id: context.projectId });
  },
};
