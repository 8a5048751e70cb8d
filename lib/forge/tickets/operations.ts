import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { findProject } from "@/lib/cache/projects";
import { findTicket } from "@/lib/cache/tickets";
import type { Viewer } from "@/lib/forge/viewer";
import { XmppFailure } from "@/lib/xmpp/errors";
import { BareJidSchema, bareJid, splitJid } from "@/lib/xmpp/jid";
import { getItems, itemFromElement, publish } from "@/lib/xmpp/pubsub";
import { nextItemNumber, settleItemNumber } from "@/lib/forge/items/numbering";
import { addTimelineEvents } from "@/lib/forge/comments/operations";
import { createCommentsNode } from "@/lib/forge/node-creation";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/sync/records";
import { applyItems } from "@/lib/forge/sync/sync";
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

async function projectOf(projectId: string) {
  const project = await findProject(projectId);
  if (!project) throw new XmppFailure("item-not-found", "This project is not known here any more.");
  return project;
}

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
  const project = await projectOf(projectId);
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
  const itemId = await publish(viewer.session, project.service, node, form);
  const cacheAs = (published: Element) =>
    applyItems(project.service, node, [
      itemFromElement(xml("item", { id: itemId, publisher: viewer.jid }, published)),
    ]);
  await cacheAs(form);
  const decoded = decodeTicket(form);
  if (!decoded.ok) throw new Error(`a new ticket form does not decode: ${decoded.reason}`);
  const number = await settleItemNumber(
    "ticket",
    { service: project.service, node, itemId, number: first },
    async (next) => {
      const renumbered = encodeTicket(decoded.ticket, { number: next, updated: now });
      await publish(viewer.session, project.service, node, renumbered, { id: itemId });
      await cacheAs(renumbered);
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
  if (!cached) throw new XmppFailure("item-not-found", "This ticket no longer exists.");
  const [item] = await getItems(viewer.session, cached.service, cached.node, {
    ids: [cached.itemId],
  });
  if (!item)
    throw new XmppFailure("item-not-found", "This ticket was deleted on its pubsub service.");
  const decoded = decodeTicket(item.element);
  if (!decoded.ok)
    throw new XmppFailure("bad-payload", `This ticket cannot be edited here: ${decoded.reason}.`);
  const form = encodeTicket(decoded.ticket, { ...edit, updated: new Date().toISOString() });
  await publish(viewer.session, cached.service, cached.node, form, { id: cached.itemId });
  await applyItems(cached.service, cached.node, [
    itemFromElement(xml("item", { id: cached.itemId, publisher: viewer.jid }, form)),
  ]);
  const edited = decodeTicket(form);
  if (!edited.ok) return;
  const before = decoded.ticket;
  await addTimelineEvents(viewer, before.commentsUri, ticketEvents(before, edited.ticket)).catch(
    (error: unknown) => {
      throw new XmppFailure(
        error instanceof XmppFailure ? error.kind : "other",
        `The ticket was saved, but the change could not be added to its timeline: ${(error as Error).message}`,
        { cause: error },
      );
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
  failures: { id: string; message: string }[];
}

/** Applies one status/label change to many tickets; a failure on one does not stop the rest. */
export async function bulkUpdateTickets(viewer: Viewer, input: unknown): Promise<BulkResult> {
  const { ids, status, addLabel, removeLabel } = BulkEditSchema.parse(input);
  const result: BulkResult = { updated: 0, failures: [] };
  for (const id of ids) {
    try {
      const cached = await findTicket(id);
      if (!cached) throw new XmppFailure("item-not-found", "no longer exists");
      const labels = new Set<string>(JSON.parse(cached.labels));
      if (addLabel) labels.add(addLabel);
      if (removeLabel) labels.delete(removeLabel);
      await updateTicket(viewer, id, {
        ...(status ? { status } : {}),
        ...(addLabel || removeLabel ? { labels: [...labels] } : {}),
      });
      result.updated++;
    } catch (error) {
      result.failures.push({ id, message: (error as Error).message });
    }
  }
  return result;
}
