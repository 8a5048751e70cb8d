import type { MergeRequestRecord } from "../merge-requests";
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
    observedAt: null,
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

/** Merge request row number `i` of a test project, opened by bob, as sync would build it. */
export function testMergeRequestRecord(
  i: number,
  options: { projectId: string },
): MergeRequestRecord {
  return {
    id: `s/m/${i}`,
    projectId: options.projectId,
    service: "s",
    node: "m",
    itemId: String(i),
    publisher: "bob@b.test",
    authorJid: "bob@b.test",
    firstPublisher: "bob@b.test",
    flaggedBy: "",
    versionSeenAt: null,
    observedAt: null,
    keepAuthorJid: true,
    author: "bob",
    title: "Fix",
    status: "queued",
    labels: "[]",
    reviewers: "[]",
    scm: "git",
    bodyMarkdown: "",
    bodyHtml: "",
    commentsUri: "",
    revision: 1,
    sourceUrl: "",
    sourceRef: "",
    targetBranch: "",
    mergedRevisions: "[]",
    patch: "",
    number: i,
    linesAdded: 0,
    linesRemoved: 0,
    created: new Date("2026-12-04T10:00:00Z"),
    updated: new Date("2026-12-04T10:00:00Z"),
    rawXml: "<item/>",
  };
}
