import { Client } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  testProvider,
  type TestDatabase,
} from "@/lib/cache/testing/test-database";
import { ChangeBus, type ForgeChange } from "./bus";
import { InboxBus, type InboxState } from "./inbox-bus";
import {
  CHANGES_CHANNEL,
  parseRelayed,
  PostgresChangeFanout,
  relayThroughPostgres,
} from "./postgres-fanout";

const change: ForgeChange = { projectId: "pubsub.a.test/demo", kind: "ticket", id: "t1" };

describe("parseRelayed", () => {
  it("accepts a change from another process and drops fields it does not know", () => {
    const payload = JSON.stringify({ origin: "p2", change: { ...change, colour: "red" }, v: 9 });
    expect(parseRelayed(payload)).toEqual({ origin: "p2", change });
  });

  it("accepts a user's unread count from another process", () => {
    const inbox = { userJid: "bob@b.test", unread: 3 };
    expect(parseRelayed(JSON.stringify({ origin: "p2", inbox: { ...inbox, x: 1 } }))).toEqual({
      origin: "p2",
      inbox,
    });
  });

  it("refuses what is not a change", () => {
    for (const payload of [
      undefined,
      "",
      "not json",
      "null",
      JSON.stringify({ origin: "p2" }),
      JSON.stringify({ origin: "p2", change: { ...change, kind: "repository" } }),
      JSON.stringify({ origin: "p2", change: { ...change, id: 7 } }),
      JSON.stringify({ origin: "", change }),
      JSON.stringify({ origin: "p2", inbox: { userJid: "bob@b.test", unread: -1 } }),
      JSON.stringify({ origin: "p2", inbox: { userJid: "bob@b.test", unread: 1.5 } }),
      JSON.stringify({ origin: "p2", inbox: { userJid: "", unread: 1 } }),
      JSON.stringify({ origin: "p2", inbox: { unread: 1 } }),
    ]) {
      expect(parseRelayed(payload)).toBeUndefined();
    }
  });
});

// Two app processes, simulated by two transports with their own connections on one database.
describe.skipIf(testProvider() !== "postgres")("PostgresChangeFanout (PostgreSQL)", () => {
  let db: TestDatabase;
  let admin: Client;
  const running: PostgresChangeFanout[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((fanout) => fanout.stop()));
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  async function startProcess(): Promise<{
    fanout: PostgresChangeFanout;
    seen: ForgeChange[];
    resumed: () => number;
  }> {
    const seen: ForgeChange[] = [];
    let resumptions = 0;
    const fanout = new PostgresChangeFanout({
      url: db.url,
      deliver: (relayed) => seen.push(relayed),
      onResumed: () => (resumptions += 1),
      retry: { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 },
    });
    running.push(fanout);
    await fanout.start();
    return { fanout, seen, resumed: () => resumptions };
  }

  /**
   * A NOTIFY sent after others were delivered to the server reaches each process after them:
   * once it is seen, nothing else is on its way.
   */
  async function flush(...processes: ForgeChange[][]): Promise<void> {
    const marker: ForgeChange = { projectId: "marker", kind: "project", id: String(Math.random()) };
    await admin.query("SELECT pg_notify($1, $2)", [
      CHANGES_CHANNEL,
      JSON.stringify({ origin: "marker", change: marker }),
    ]);
    for (const seen of processes) {
      await expect.poll(() => seen.some((c) => c.id === marker.id), { timeout: 5_000 }).toBe(true);
    }
  }
  const relayed = (seen: ForgeChange[]) => seen.filter((c) => c.projectId !== "marker");

  it("delivers a change published in one process to the other, once, and not back to itself", async () => {
    const one = await startProcess();
    const two = await startProcess();
    one.fanout.send(change);
    await expect.poll(() => two.seen.length, { timeout: 5_000 }).toBe(1);
    await flush(one.seen, two.seen);
    expect(relayed(two.seen)).toEqual([change]);
    expect(relayed(one.seen)).toEqual([]);
  });

  it("hands a change published on one process's bus to every listener of both, once each", async () => {
    const [one, two] = [new ChangeBus(), new ChangeBus()];
    const seenOne: ForgeChange[] = [];
    const seenTwo: ForgeChange[] = [];
    for (const [bus, seen] of [
      [one, seenOne],
      [two, seenTwo],
    ] as const) {
      running.push(await relayThroughPostgres(bus, new InboxBus(), db.url));
      bus.subscribe(change.projectId, (c) => seen.push(c));
      bus.subscribe("marker", (c) => seen.push(c));
    }
    one.publish(change);
    await expect.poll(() => relayed(seenTwo), { timeout: 5_000 }).toHaveLength(1);
    await flush(seenOne, seenTwo);
    expect([relayed(seenOne), relayed(seenTwo)]).toEqual([[change], [change]]);
  });

  it("hands a user's unread count published in one process to their tabs in the other, once", async () => {
    const [one, two] = [new InboxBus(), new InboxBus()];
    const [changesOne, changesTwo] = [new ChangeBus(), new ChangeBus()];
    const seenOne: InboxState[] = [];
    const seenTwo: InboxState[] = [];
    const markers: ForgeChange[][] = [[], []];
    for (const [inbox, changes, seen, marked] of [
      [one, changesOne, seenOne, markers[0]!],
      [two, changesTwo, seenTwo, markers[1]!],
    ] as const) {
      running.push(await relayThroughPostgres(changes, inbox, db.url));
      inbox.subscribe("bob@b.test", (state) => seen.push(state));
      changes.subscribe("marker", (c) => marked.push(c));
    }
    expect(one.mayBeListening("carol@b.test")).toBe(true);
    one.publish("bob@b.test", { unread: 4 });
    await expect.poll(() => seenTwo, { timeout: 5_000 }).toEqual([{ unread: 4 }]);
    await flush(...markers);
    expect([seenOne, seenTwo]).toEqual([[{ unread: 4 }], [{ unread: 4 }]]);
  });

  it("ignores a malformed notification on the channel", async () => {
    const one = await startProcess();
    for (const payload of ["{", JSON.stringify({ origin: "x", change: { projectId: "p" } })]) {
      await admin.query("SELECT pg_notify($1, $2)", [CHANGES_CHANNEL, payload]);
    }
    await flush(one.seen);
    expect(relayed(one.seen)).toEqual([]);
  });

  it("listens again after its connection is terminated", async () => {
    const one = await startProcess();
    const two = await startProcess();
    const listeners = async () =>
      (
        await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = $1",
          [`LISTEN ${CHANGES_CHANNEL}`],
        )
      ).rows.map((row) => row.pid);
    expect(await listeners()).toHaveLength(2);
    await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [
      await listeners(),
    ]);
    await expect.poll(listeners, { timeout: 10_000 }).toHaveLength(2);
    expect([one.resumed(), two.resumed()]).toEqual([1, 1]);
    one.fanout.send(change);
    await expect.poll(() => relayed(two.seen), { timeout: 5_000 }).toEqual([change]);
  });
});
