import { z } from "zod";
import { findTicket } from "@/lib/cache/tickets";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { BareJidSchema, bareJid, splitJid } from "@/lib/xmpp/jid";
import { getItems } from "@/lib/xmpp/pubsub";
import { nextItemNumber, settleItemNumber } from "@/lib/forge/items/numbering";
import { addTimelineEvents } from "@/lib/forge/comments/operations";
import { createCommentsNode } from "@/lib/forge/node-creation";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { loadProject } from "@/lib/forge/projects/load-project";
import { decodeTicket, encodeTicket, newTicketForm, type TicketChanges } from "./codec";
import { ticketEvents } from "@/lib/forge/comments/timeline-event";

const Labels = z
  .array(z.string().trim().min(1).max(60))
  .max(30)
  .transform((labels) => [...new Set(labels)]);

export const TicketFieldsSchema = z.object({
  title: z.string().trim().min(1, "Give the ticket a title").max(300),
  bodyMarkdown: z.string().max(100_000, "The description is too long (100,000 characters at most)"),
  type: z.string().trim().min(1).max(40),
  status: z.string().trim().min(1).max(40),
  priority: z.string().trim().min(1).max(40),
  labels: Labels,
  assignees: z.array(BareJidSchema).max(20),
  milestone: z.string().trim().max(100),
});
export type TicketFields = z.infer<typeof TicketFieldsSchema>;

/**
 * Files a ticket: its comments node first (as Libervia does), then the ticket item, numbered
 * as items/numbering.ts says. Returns its cache id and the number it ended up with.
 */
export async function createTicket(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<{ id: string; number: number }> {
  const fields = TicketFieldsSchema.parse(input);
  const project = await loadProject(projectId);
  const node = projectNodes(project.slug).tickets;
  const commentsUri = await createCommentsNode(
    viewer.session,
    project.service,
    node,
    project.accessModel,
  );
  const now = new Date().toISOString();
  const first = await nextItemNumber("ticket", project.service, node);
  const form = newTicketForm({
    ...fields,
    author: splitJid(viewer.jid).local,
    authorJid: bareJid(viewer.jid),
    created: now,
    commentsUri,
    number: first,
  });
  const itemId = await publishAndApply(viewer, project.service, node, form);
  const decoded = decodeTicket(form);
  if (!decoded.ok) throw new Error(`a new ticket form does not decode: ${decoded.reason}`);
  const number = await settleItemNumber(
    "ticket",
    { service: project.service, node, itemId, number: first },
    async (next) => {
      const renumbered = encodeTicket(decoded.ticket, { number: next, updated: now });
      await publishAndApply(viewer, project.service, node, renumbered, { itemId });
    },
  );
  return { id: itemKey(project.service, node, itemId), number };
}

export type TicketEdit = Omit<TicketChanges, "updated">;

/**
 * Edits a ticket by republishing it with only the changed fields rewritten. It reads the item
 * fresh from the service first, so an edit never republishes a stale copy over someone else's.
 * Each changed field then gets an event in the ticket's timeline.
 */
export async function updateTicket(
  viewer: Viewer,
  ticketId: string,
  edit: TicketEdit,
): Promise<void> {
  const cached = await findTicket(ticketId);
  if (!cached) throw new ForgeError("item-gone", { item: "ticket", where: "cache" });
  const [item] = await getItems(viewer.session, cached.service, cached.node, {
    ids: [cached.itemId],
  });
  if (!item) throw new ForgeError("item-gone", { item: "ticket", where: "service" });
  const decoded = decodeTicket(item.element);
  if (!decoded.ok)
    throw new ForgeError("unreadable-item", { item: "ticket", reason: decoded.reason });
  const form = encodeTicket(decoded.ticket, { ...edit, updated: new Date().toISOString() });
  await publishAndApply(viewer, cached.service, cached.node, form, { itemId: cached.itemId });
  const edited = decodeTicket(form);
  if (!edited.ok) return;
  const before = decoded.ticket;
  await addTimelineEvents(viewer, before.commentsUri, ticketEvents(before, edited.ticket)).catch(
    (error: unknown) => {
      throw new ForgeError("timeline-not-updated", undefined, { cause: error });
    },
  );
}

export const BulkEditSchema = z.object({
  ids: z.array(z.string().min(1)).min(1, "Select at least one ticket").max(200),
  status: z.string().trim().max(40).optional(),
  addLabel: z.string().trim().max(60).optional(),
  removeLabel: z.string().trim().max(60).optional(),
});

export interface BulkResult {
  updated: number;
  /** What stopped each ticket that failed, for the action layer to word. */
  failures: { id: string; error: unknown }[];
}

/** Applies one status/label change to many tickets; a failure on one does not stop the rest. */
export async function bulkUpdateTickets(viewer: Viewer, input: unknown): Promise<BulkResult> {
  const { ids, status, addLabel, removeLabel } = BulkEditSchema.parse(input);
  const result: BulkResult = { updated: 0, failures: [] };
  for (const id of ids) {
    try {
      const cached = await findTicket(id);
      if (!cached) throw new ForgeError("item-gone", { item: "ticket", where: "cache" });
      const labels = new Set<string>(JSON.parse(cached.labels));
      if (addLabel) labels.add(addLabel);
      if (removeLabel) labels.delete(removeLabel);
      await updateTicket(viewer, id, {
        ...(status ? { status } : {}),
        ...(addLabel || removeLabel ? { labels: [...labels] } : {}),
      });
      result.updated++;
    } catch (error) {
      result.failures.push({ id, error });
    }
  }
  return result;
}
