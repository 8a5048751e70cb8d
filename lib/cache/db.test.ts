// The SQL cache end to end: `prisma migrate deploy` (through the same CLI and config as
// `npm run db:migrate`) on a new SQLite file, then writes and reads through the shared client.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testMergeRequestRecord, testTicketRecord } from "./testing/records";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

function prisma(args: string[], env: Record<string, string | undefined>): string {
  return execFileSync(process.execPath, [prismaCli, ...args], {
    cwd: root,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe("SQL cache (Prisma + SQLite)", () => {
  let dir: string;
  let savedUrl: string | undefined;
  let db: typeof import("./db");

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pubforge-db-"));
    savedUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = `file:${path.join(dir, "cache.db")}`;
    // A fresh clone has no generated client until `prisma generate` (postinstall) ran.
    if (!fs.existsSync(path.join(root, "lib/generated/prisma/client.ts"))) prisma(["generate"], {});
    const out = prisma(["migrate", "deploy"], { DATABASE_URL: process.env.DATABASE_URL });
    expect(out).toMatch(/successfully applied|No pending migrations/);
    db = await import("./db");
  }, 60_000);

  afterAll(async () => {
    await db?.closeDb();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("resolves relative file: URLs against the working directory", () => {
    expect(db.sqliteFile("file:./.run/pubforge.db")).toBe(
      path.join(process.cwd(), ".run/pubforge.db"),
    );
    expect(db.sqliteFile("file:/tmp/x.db?connection_limit=1")).toBe("/tmp/x.db");
    expect(db.databaseUrl({})).toBe(db.DEFAULT_DATABASE_URL);
  });

  it("stores a project and a labelled ticket and reads them back", async () => {
    const prisma = await db.getDb();
    expect(await db.getDb()).toBe(prisma); // one shared client

    const service = "pubsub.a.test";
    await prisma.project.create({
      data: {
        id: `${service}/demo`,
        service,
        slug: "demo",
        name: "Demo",
        description: "A demo project",
      },
    });
    const labels = ["bug", "ui"];
    const created = new Date("2025-01-02T03:04:05.000Z");
    await prisma.ticket.create({
      data: {
        id: `${service}/tickets/t1`,
        project: { connect: { id: `${service}/demo` } },
        service,
        node: "tickets",
        itemId: "t1",
        title: "Button does nothing",
        labels: JSON.stringify(labels),
        created,
        updated: created,
        rawXml: "<item id='t1'/>",
        ticketLabels: { create: labels.map((label) => ({ label })) },
      },
    });

    const project = await prisma.project.findUniqueOrThrow({
      where: { service_slug: { service, slug: "demo" } },
      include: { tickets: { include: { ticketLabels: { orderBy: { label: "asc" } } } } },
    });
    expect(project.name).toBe("Demo");
    expect(project.followed).toBe(false);
    expect(project.tickets).toHaveLength(1);
    const [ticket] = project.tickets;
    expect(ticket?.title).toBe("Button does nothing");
    expect(ticket?.status).toBe("queued");
    expect(ticket?.created.toISOString()).toBe(created.toISOString());
    expect(JSON.parse(ticket?.labels ?? "null")).toEqual(labels);
    expect(ticket?.ticketLabels.map((l) => l.label)).toEqual(labels);

    // Filtering by label goes through TicketLabel; deleting the project cascades.
    expect(await prisma.ticket.count({ where: { ticketLabels: { some: { label: "ui" } } } })).toBe(
      1,
    );
    await prisma.project.delete({ where: { id: `${service}/demo` } });
    expect(await prisma.ticketLabel.count()).toBe(0);
  });

  it("runs SQLite in WAL mode", async () => {
    const prisma = await db.getDb();
    const [row] = await prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(row?.journal_mode).toBe("wal");
  });

  it("upserts tickets in bulk: labels replaced, comment counts kept, dates read back", async () => {
    const client = await db.getDb();
    const tickets = await import("./tickets");
    await client.project.upsert({
      where: { id: "s/bulk" },
      create: { id: "s/bulk", service: "s", slug: "bulk", name: "Bulk" },
      update: {},
    });
    const record = (i: number, labels: string[], commentCount?: number) =>
      testTicketRecord(i, labels, { projectId: "s/bulk", commentCount });
    await tickets.upsertTickets(Array.from({ length: 250 }, (_, i) => record(i, ["a", "b"], 2)));
    await tickets.upsertTickets([record(7, ["c"])]);
    const seven = await tickets.findTicket("s/n/7");
    expect(seven?.commentCount).toBe(2);
    expect(seven?.labels).toBe('["c"]');
    expect(seven?.updated.toISOString()).toBe("2026-11-25T11:00:00.000Z");
    const list = await tickets.listTickets("s/bulk", { label: "c" });
    expect(list.tickets.map((t) => t.id)).toEqual(["s/n/7"]);
    expect((await tickets.listTickets("s/bulk", { label: "a" })).total).toBe(249);
  });

  it("gives the query planner statistics of the tables it finds filled when it opens", async () => {
    const tickets = await import("./tickets");
    const writer = await db.getDb();
    await writer.project.upsert({
      where: { id: "s/stats" },
      create: { id: "s/stats", service: "s", slug: "stats", name: "Stats" },
      update: {},
    });
    const labelled = Array.from({ length: 300 }, (_, i) =>
      testTicketRecord(1000 + i, [`label-${i % 7}`], { projectId: "s/stats" }),
    );
    await tickets.upsertTickets(labelled);
    const opened = await db.createPrismaClient(process.env.DATABASE_URL);
    try {
      const stats = await opened.$queryRawUnsafe<{ idx: string }[]>(
        "SELECT idx FROM sqlite_stat1 WHERE tbl = 'TicketLabel'",
      );
      expect(stats.map((row) => row.idx)).toContain("TicketLabel_label_idx");
    } finally {
      await opened.$disconnect();
    }
  });

  it("keeps who opened a merge request when a later version names nobody", async () => {
    const client = await db.getDb();
    const requests = await import("./merge-requests");
    await client.project.upsert({
      where: { id: "s/mr" },
      create: { id: "s/mr", service: "s", slug: "mr", name: "MR" },
      update: {},
    });
    const opened = testMergeRequestRecord(1, { projectId: "s/mr" });
    await requests.upsertMergeRequest(opened);
    await requests.upsertMergeRequest({
      ...opened,
      publisher: "alice@a.test",
      authorJid: "alice@a.test",
    });
    expect(await requests.findMergeRequest("s/m/1")).toMatchObject({
      authorJid: "bob@b.test",
      publisher: "alice@a.test",
    });
    await requests.upsertMergeRequest({
      ...opened,
      authorJid: "carol@a.test",
      keepAuthorJid: false,
    });
    expect((await requests.findMergeRequest("s/m/1"))?.authorJid).toBe("carol@a.test");
  });
});
