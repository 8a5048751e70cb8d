// Test-only: what a stranger's own client publishes to an open project (a ticket with no
// thread, a comment), and a ticket as the new-ticket form sends it.
import type { Element } from "@xmpp/xml";
import { encodeComment } from "@/lib/forge/comments/codec";
import { newTicketForm } from "@/lib/forge/tickets/codec";

export const ticketFields = (title: string) => ({
  title,
  bodyMarkdown: "",
  type: "bug",
  status: "queued",
  priority: "normal",
  labels: [],
  assignees: [],
  milestone: "",
});

export function strangersTicket(title: string, authorJid: string): Element {
  const created = new Date().toISOString();
  return newTicketForm({ title, author: authorJid, authorJid, created, commentsUri: "" });
}

export function strangersComment(text: string, authorJid: string): Element {
  const now = new Date().toISOString();
  return encodeComment({
    markdown: text,
    authorName: authorJid,
    authorJid,
    published: now,
    updated: now,
    id: `xmpp:${encodeURIComponent(text)}`,
  });
}
