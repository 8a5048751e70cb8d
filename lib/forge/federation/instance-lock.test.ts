import { Client } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  testProvider,
  type TestDatabase,
} from "@/lib/cache/testing/test-database";
import { InstanceLock } from "./instance-lock";

const RETRY_MS = 200;
/** The retry period, and room for one query on a loaded machine. */
const TAKEOVER_MS = RETRY_MS * 5;

// Two app processes, simulated by two lock holders with their own connections on one database.
describe.skipIf(testProvider() !== "postgres")("InstanceLock (PostgreSQL)", () => {
  let db: TestDatabase;
  let admin: Client;
  const running: InstanceLock[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((lock) => lock.stop()));
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  async function startProcess(): Promise<{ lock: InstanceLock; events: string[] }> {
    const events: string[] = [];
    const lock = new InstanceLock({
      url: db.url,
      retryMs: RETRY_MS,
      onAcquired: () => events.push("acquired"),
      onLost: () => events.push("lost"),
    });
    running.push(lock);
    await lock.start();
    return { lock, events };
  }

  /** The backend of a lock holder's connection, seen from outside like pg_locks shows it. */
  async function holderPid(): Promise<number | undefined> {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = " +
        "(SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    return rows[0]?.pid;
  }

  it("lets one process hold it while the other waits", async () => {
    const one = await startProcess();
    const two = await startProcess();
    expect([one.lock.held, two.lock.held]).toEqual([true, false]);
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 3));
    expect([one.events, two.events]).toEqual([["acquired"], []]);
  });

  it("passes to the waiting process within its retry period when the holder's connection dies", async () => {
    const one = await startProcess();
    const two = await startProcess();
    const pid = await holderPid();
    expect(pid).toBeDefined();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    await expect.poll(() => one.events, { timeout: 5_000 }).toEqual(["acquired", "lost"]);
    await expect.poll(() => two.lock.held, { timeout: TAKEOVER_MS, interval: 20 }).toBe(true);
    expect(two.events).toEqual(["acquired"]);
    // The former holder comes back as the waiting one, and the lock is not held twice.
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 3));
    expect([one.lock.held, two.lock.held]).toEqual([false, true]);
    expect(await holderPid()).not.toBe(pid);
  });

  it("is taken once its holder stops", async () => {
    const one = await startProcess();
    const two = await startProcess();
    await one.lock.stop();
    await expect.poll(() => two.lock.held, { timeout: TAKEOVER_MS, interval: 20 }).toBe(true);
    expect(one.events).toEqual(["acquired"]);
  });
});
