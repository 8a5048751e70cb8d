// The SQLite ticket writer on a real file with the cache's migrations, and its SQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ROWS_PER_STATEMENT,
  TICKET_COLUMNS,
  ticketChunks,
  ticketUpsertSql,
  writeTicketsToFile,
} from "./ticket-sql";
import { testTicketRecord } from "./testing/records";
import type { TicketRecord } from "./ticket-record";

const migrations = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../prisma/migrations",
);

function record(i: number, labels: string[], commentCount?: number): TicketRecord {
  return testTicketRecord(i, labels, { projectId: "s/p", commentCount });
}

describe("ticket SQL", () => {
  it("has one placeholder per column and row", () => {
    const sql = ticketUpsertSql(3, true);
    expect(sql.match(/\?/g)).toHaveLength(3 * TICKET_COLUMNS.length);
    expect(sql).not.toMatch(/"commentCount" = excluded/);
    expect(ticketUpsertSql(1, false)).toMatch(/"commentCount" = excluded\."commentCount"$/);
    // A version without a number (Libervia's update) keeps the cached one, as Prisma's path does.
    expect(sql).toContain(`"number" = COALESCE(excluded."number", "Ticket"."number")`);
    expect(ticketUpsertSql(1, true)).toMatch(/"authorJid" = excluded/);
    expect(ticketUpsertSql(1, true, true)).not.toMatch(/"authorJid" = excluded/);
  });

  it("chunks records by whether they carry a comment count and name their author", () => {
    const records = Array.from({ length: ROWS_PER_STATEMENT + 5 }, (_, i) => ({
      ...record(i, [], i % 2 ? 1 : undefined),
      keepAuthorJid: i % 3 === 0,
    }));
    const chunks = [...ticketChunks(records)];
    expect(chunks.every(({ chunk }) => chunk.length <= ROWS_PER_STATEMENT)).toBe(true);
    for (const { keepCount, keepAuthorJid, chunk } of chunks) {
      expect(chunk.every((r) => (r.commentCount === undefined) === keepCount)).toBe(true);
      expect(chunk.every((r) => r.keepAuthorJid === keepAuthorJid)).toBe(true);
    }
    const ids = chunks.flatMap(({ chunk }) => chunk.map((r) => r.id));
    expect(ids.sort()).toEqual(records.map((r) => r.id).sort());
  });
});

describe("writeTicketsToFile", () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pubforge-ticket-sql-"));
    file = path.join(dir, "cache.db");
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    for (const migration of fs.readdirSync(migrations).sort()) {
      const sql = path.join(migrations, migration, "migration.sql");
      if (fs.existsSync(sql)) db.exec(fs.readFileSync(sql, "utf8"));
    }
    db.prepare(`INSERT INTO "Project" ("id", "service", "slug", "name") VALUES (?, ?, ?, ?)`).run(
      "s/p",
      "s",
      "p",
      "P",
    );
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const labels = () =>
    db.prepare(`SELECT "ticketId", "label" FROM "TicketLabel" ORDER BY 1, 2`).all();

  it("upserts rows and labels, keeping stored comment counts when a record has none", async () => {
    await writeTicketsToFile(
      file,
      Array.from({ length: 120 }, (_, i) => record(i, ["a", "b", "a"], 2)),
    );
    await writeTicketsToFile(file, [{ ...record(7, ["c"]), title: "Seven" }]);
    expect(db.prepare(`SELECT count(*) AS n FROM "Ticket"`).get()).toEqual({ n: 120 });
    const seven = db.prepare(`SELECT * FROM "Ticket" WHERE "id" = 's/n/7'`).get();
    expect(seven).toMatchObject({
      title: "Seven",
      commentCount: 2,
      labels: '["c"]',
      created: "2026-11-25T10:00:00.000+00:00",
      rawXml: '<item id="7"/>',
    });
    expect(labels().filter((l) => (l as { ticketId: string }).ticketId === "s/n/7")).toEqual([
      { ticketId: "s/n/7", label: "c" },
    ]);
    expect(labels()).toHaveLength(119 * 2 + 1);
    await writeTicketsToFile(file, [{ ...record(8, []), number: 3 }]);
    await writeTicketsToFile(file, [{ ...record(8, []), title: "Libervia's update" }]);
    expect(db.prepare(`SELECT "title", "number" FROM "Ticket" WHERE "id" = 's/n/8'`).get()).toEqual(
      {
        title: "Libervia's update",
        number: 3,
      },
    );
    await writeTicketsToFile(file, [record(7, [], 5)]);
    expect(db.prepare(`SELECT "commentCount" FROM "Ticket" WHERE "id" = 's/n/7'`).get()).toEqual({
      commentCount: 5,
    });
  });

  it("keeps who filed a ticket when a later version names nobody", async () => {
    const authorJid = () =>
      db.prepare(`SELECT "authorJid", "publisher" FROM "Ticket" WHERE "id" = 's/n/3'`).get();
    // A new row without an author_jid: its publisher is the best guess.
    await writeTicketsToFile(file, [
      { ...record(3, []), publisher: "bob@b.test", authorJid: "bob@b.test", keepAuthorJid: true },
    ]);
    expect(authorJid()).toEqual({ authorJid: "bob@b.test", publisher: "bob@b.test" });
    // alice edits it with a client that dropped the field: still bob's.
    await writeTicketsToFile(file, [
      {
        ...record(3, []),
        publisher: "alice@a.test",
        authorJid: "alice@a.test",
        keepAuthorJid: true,
      },
    ]);
    expect(authorJid()).toEqual({ authorJid: "bob@b.test", publisher: "alice@a.test" });
    // A version that names its author is taken at its word, as a rebuilt cache would.
    await writeTicketsToFile(file, [{ ...record(3, []), authorJid: "carol@a.test" }]);
    expect(authorJid()).toEqual({ authorJid: "carol@a.test", publisher: "alice@a.test" });
  });

  it("waits for another writer instead of failing, each attempt inside `serialize`", async () => {
    db.exec("BEGIN IMMEDIATE");
    db.prepare(`UPDATE "Project" SET "name" = 'other writer'`).run();
    setTimeout(() => db.exec("COMMIT"), 50);
    const attempts: boolean[] = [];
    await writeTicketsToFile(file, [record(1, ["a"])], async (attempt) => {
      const written = attempt();
      attempts.push(written);
      return written;
    });
    expect(attempts.length).toBeGreaterThan(1);
    expect(attempts.at(-1)).toBe(true);
    expect(attempts.slice(0, -1).every((written) => !written)).toBe(true);
    expect(db.inTransaction).toBe(false);
    expect(db.prepare(`SELECT "title" FROM "Ticket"`).all()).toEqual([{ title: "Ticket 1" }]);
  });

  it("opens nothing for no records, and never creates a missing cache", async () => {
    const missing = path.join(dir, "missing.db");
    await writeTicketsToFile(missing, []);
    await expect(writeTicketsToFile(missing, [record(1, [])])).rejects.toThrow();
    expect(fs.existsSync(missing)).toBe(false);
  });

  it("writes nothing when a row is refused", async () => {
    const orphan = { ...record(2, ["a"]), id: "s/n/orphan", projectId: "no/project" };
    await expect(writeTicketsToFile(file, [record(1, ["a"]), orphan])).rejects.toThrow(
      /FOREIGN KEY/,
    );
    expect(db.prepare(`SELECT count(*) AS n FROM "Ticket"`).get()).toEqual({ n: 0 });
    expect(labels()).toEqual([]);
  });
});
