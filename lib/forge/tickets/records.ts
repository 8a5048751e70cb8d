import type { TicketRecord } from "@/lib/cache/ticket-record";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { parseXml } from "@/lib/xmpp/xml";
import { projectPath } from "@/lib/forge/routes";
import { bodyHtml, trackerItemFields } from "@/lib/forge/items/record-fields";
import { decodeTicket, type Ticket } from "./codec";

/**
 * A ticket's cache row. The body is not rendered here: rendering markdown costs about a
 * millisecond, which would dominate a sync of thousands of tickets; pages render the one they
 * show (ticketBodyHtml). Search needs only the words.
 */
export function ticketRecord(
  projectId: string,
  service: string,
  node: string,
  item: PubsubItem,
  ticket: Ticket,
  now = new Date(),
): TicketRecord {
  const bodyText =
    ticket.bodyMarkdown ??
    (ticket.body?.kind === "xhtml"
      ? ticket.body.div.toString().replace(/<[^>]+>/g, " ")
      : (ticket.body?.text ?? ""));
  return {
    ...trackerItemFields(projectId, service, node, item, ticket, now),
    type: ticket.type,
    priority: ticket.priority,
    labels: JSON.stringify(ticket.labels),
    assignees: JSON.stringify(ticket.assignees),
    milestone: ticket.milestone ?? "",
    bodyMarkdown: ticket.bodyMarkdown ?? "",
    bodyHtml: "",
    searchText: [ticket.title, bodyText, ...ticket.labels].join("\n").toLowerCase(),
    number: ticket.number ?? null,
  };
}

/** The sanitised HTML of a cached ticket's body, rendered when a page shows it. */
export function ticketBodyHtml(row: {
  bodyHtml: string;
  rawXml: string;
  projectId: string;
}): string {
  if (row.bodyHtml) return row.bodyHtml;
  const decoded = decodeTicket(parseXml(row.rawXml));
  return decoded.ok ? bodyHtml(decoded.ticket, { projectPath: projectPath(row.projectId) }) : "";
}
