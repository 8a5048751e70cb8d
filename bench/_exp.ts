import Database from "better-sqlite3";
const db = new Database(".run/bench.db", { readonly: true });
const pid = "pubsub.a.test/filter-bench";
console.log(db.prepare("select count(*) n, avg(length(rawXml)) x, avg(length(bodyHtml)) h, avg(length(searchText)) s, avg(length(bodyMarkdown)) m from Ticket").get());
console.log(db.pragma("page_size"), db.pragma("page_count"), db.pragma("cache_size"), db.pragma("mmap_size"));
const q = (sql: string, ...p: unknown[]) => { const st = db.prepare(sql); st.all(...p); const t = performance.now(); for (let i = 0; i < 5; i++) st.all(...p); return ((performance.now() - t) / 5).toFixed(1); };
const cases: [string, string, unknown[]][] = [
  ["label only list", "SELECT * FROM Ticket WHERE projectId=? AND EXISTS (SELECT 1 FROM TicketLabel l WHERE l.label=? AND l.ticketId=Ticket.id) ORDER BY updated DESC LIMIT 500", [pid, "ui"]],
  ["label only count", "SELECT status, count(*) FROM Ticket WHERE projectId=? AND EXISTS (SELECT 1 FROM TicketLabel l WHERE l.label=? AND l.ticketId=Ticket.id) GROUP BY status", [pid, "ui"]],
  ["text list", "SELECT * FROM Ticket WHERE projectId=? AND searchText LIKE ('%'||?||'%') ORDER BY updated DESC LIMIT 500", [pid, "crash"]],
  ["text count", "SELECT status, count(*) FROM Ticket WHERE projectId=? AND searchText LIKE ('%'||?||'%') GROUP BY status", [pid, "crash"]],
  ["text id-only count", "SELECT status, count(*) FROM Ticket WHERE projectId=? AND searchText LIKE ('%'||?||'%') GROUP BY status", [pid, "zzzz"]],
  ["none list", "SELECT * FROM Ticket WHERE projectId=? ORDER BY updated DESC LIMIT 500", [pid]],
  ["none count", "SELECT status, count(*) FROM Ticket WHERE projectId=? GROUP BY status", [pid]],
  ["all3 list", "SELECT * FROM Ticket WHERE projectId=? AND EXISTS (SELECT 1 FROM TicketLabel l WHERE l.label=? AND l.ticketId=Ticket.id) AND searchText LIKE ('%'||?||'%') AND status=? ORDER BY updated DESC LIMIT 500", [pid, "ui", "crash", "queued"]],
  ["all3 count", "SELECT status, count(*) FROM Ticket WHERE projectId=? AND EXISTS (SELECT 1 FROM TicketLabel l WHERE l.label=? AND l.ticketId=Ticket.id) AND searchText LIKE ('%'||?||'%') GROUP BY status", [pid, "ui", "crash"]],
];
for (const [name, sql, p] of cases) {
  console.log(name, q(sql, ...p), "ms", db.prepare("EXPLAIN QUERY PLAN " + sql).all(...p).map((r: any) => r.detail).join(" | "));
}
db.pragma("cache_size = -200000");
db.pragma("mmap_size = 268435456");
console.log("--- with 200MB cache + mmap");
for (const [name, sql, p] of cases) console.log(name, q(sql, ...p), "ms");
