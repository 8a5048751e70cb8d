import type { TicketRecord } from "@/lib/cache/ticket-record";
import { recordMentions } from "@/lib/forge/items/backlinks";
import { cachedTicketIds, deleteTicket, upsertTickets } from "@/lib/cache/tickets";
import { notifyApplied } from "@/lib/forge/notifications/notify";
import { itemKey, projectPath, ticketPath } from "@/lib/forge/routes";
import { changeBus } from "@/lib/events/bus";
import {
  type DomainSync,
  emptyResult,
  keepAcceptedThread,
  projectAccessModel,
  rejectItem,
} from "@/lib/forge/sync/domain";
import { itemPublisher } from "@/lib/forge/items/record-fields";
import { projectPublishers } from "@/lib/forge/items/publishers";
import { judgeVersions } from "@/lib/forge/items/versions";
import { clearRejected } from "@/lib/forge/sync/rejections";
import { decodeTicket } from "./codec";
import { ticketRecord } from "./records";

/** Items of a project's ticket tracker, `fdp/submitted/org.salut-a-toi.tickets:0_<slug>`. */
export const ticketSync: DomainSync = {
  needsProject: true,

  async applyItems(context, items) {
    const result = emptyResult();
    const records: TicketRecord[] = [];
    const project = { ...context, accessModel: await projectAccessModel(context) };
    const publishers = projectPublishers(context.projectId, project.accessModel);
    for (const item of items) {
      const refusal = await publishers.refusal(itemPublisher(item));
      if (refusal) {
        rejectItem(context, result, item, refusal);
        continue;
      }
      const decoded = decodeTicket(item.element);
      if (!decoded.ok) {
        rejectItem(context, result, item, decoded.reason);
        continue;
      }
      clearRejected(context.projectId, context.node, item.id);
      const record = ticketRecord(
        context.projectId,
        context.service,
        context.node,
        item,
        decoded.ticket,
        context.observedAt,
      );
      const thread = keepAcceptedThread(record, project);
      if (thread) result.commentsNodes.push(thread);
      records.push(record);
    }
    await judgeVersions("ticket", records, publishers.maintainers);
    const cached = await cachedTicketIds(records.map((record) => record.id));
    // One write for all of them: a sync brings thousands (bench/RESULTS.md: cold-sync).
    await upsertTickets(records);
    await recordMentions(
      context.projectId,
      records.map((record) => ({
        fromId: record.id,
        publisher: record.publisher,
        source: { kind: "ticket", id: record.id, number: record.number },
        // A body Libervia wrote has no markdown: its text is in what search reads.
        text: record.bodyMarkdown || record.searchText,
      })),
    );
    for (const record of records) {
      changeBus().publish({ projectId: context.projectId, kind: "ticket", id: record.id });
    }
    result.applied = records.length;
    await notifyApplied(records.filter((record) => !cached.has(record.id)).map(newTicket));
    return result;
  },

  async applyRetractions(context, itemIds) {
    for (const itemId of itemIds) {
      clearRejected(context.projectId, context.node, itemId);
      const id = itemKey(context.service, context.node, itemId);
      await deleteTicket(id);
      changeBus().publish({ projectId: context.projectId, kind: "ticket", id });
    }
  },
};

/** A ticket cached for the first time, for notify.ts. */
function newTicket(record: TicketRecord) {
  const path = ticketPath(projectPath(record.projectId), record);
  return {
    projectId: record.projectId,
    itemId: record.id,
    target: {
      kind: "ticket" as const,
      id: record.id,
      number: record.number,
      title: record.title,
      path,
    },
    actor: record.publisher,
    text: record.bodyMarkdown || record.searchText,
    change: { type: "new-item" as const, assignees: assigneesOf(record) },
    dated: record.created,
  };
}

/** The JSON list records.ts wrote; a foreign ticket's list is bounded here. */
const assigneesOf = (record: TicketRecord): string[] =>
  (JSON.parse(record.assignees) as string[]).slice(0, 20);
