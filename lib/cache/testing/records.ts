import type { TicketRecord } from "../ticket-record";

/** Ticket row number `i` of a test project, as sync would build it (for the cache's tests). */
export function testTicketRecord(
  i: number,
  labels: string[],
  options: { projectId: string; commentCount?: number; number?: number | null },
): TicketRecord {
  return {
    id: `s/n/${i}`,
    projectId: options.projectId,
    service: "s",
    node: "n",
    itemId: String(i),
    publisher: "alice@a.test",
    authorJid: "alice@a.test",
    firstPublisher: "alice@a.test",
    flaggedBy: "",
    versionSeenAt: null,
    author: "alice",
    title: `Ticket ${i}`,
    status: "queued",
    type: "bug",
    priority: "normal",
    labels: JSON.stringify(labels),
    assignees: "[]",
    milestone: "",
    bodyMarkdown: "",
    bodyHtml: "",
    searchText: `ticket ${i}`,
    commentsUri: "",
    created: new Date("2026-11-25T10:00:00Z"),
    updated: new Date("2026-11-25T11:00:00Z"),
    rawXml: `<item id="${i}"/>`,
    commentCount: options.commentCount,
    number: options.number ?? null,
  };
}
