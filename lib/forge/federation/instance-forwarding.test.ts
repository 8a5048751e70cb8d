import xml from "@xmpp/xml";
import { Client } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  testProvider,
  type TestDatabase,
} from "@/lib/cache/testing/test-database";
import { isFailure } from "@/lib/xmpp/errors";
import { createNode, getItems, NS_PUBSUB, publish } from "@/lib/xmpp/pubsub";
import { FakePubsub } from "@/lib/xmpp/testing/fake-pubsub";
import { InstanceForwarding, REPLIES_CHANNEL, REQUESTS_CHANNEL } from "./instance-forwarding";

const CLAIM_MS = 1_000;
const SERVICE = "pubsub.a.test";
const INSTANCE = "forge@a.test";

// Two app processes on one database, each with its own connections: a holder of the instance
// lock whose instance session is a fake pubsub service (where only admins create nodes, as on
// Prosody), and a process without the lock that forwards its instance requests to it.
describe.skipIf(testProvider() !== "postgres")("InstanceForwarding (PostgreSQL)", () => {
  let db: TestDatabase;
  let admin: Client;
  const running: InstanceForwarding[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((process) => process.stop()));
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  async function startProcess(
    holds: boolean,
    fake = new FakePubsub({ [SERVICE]: { admins: [INSTANCE] } }),
  ): Promise<{ forwarding: InstanceForwarding; fake: FakePubsub }> {
    const session = fake.session(INSTANCE);
    const forwarding = new InstanceForwarding({
      url: db.url,
      holds: () => holds,
      perform: (iq) => session.request(iq),
      claimMs: CLAIM_MS,
    });
    running.push(forwarding);
    await forwarding.start();
    return { forwarding, fake };
  }

  async function rowsLeft(): Promise<number> {
    const { rows } = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM "InstanceRequest"`,
    );
    return Number(rows[0]!.n);
  }

  it("answers a process without the lock with the holder's reply, past NOTIFY's 8000 bytes", async () => {
    const holder = await startProcess(true);
    const other = await startProcess(false);
    const instance = other.forwarding.requester();
    // Only the instance, an admin there, may create nodes on its own service.
    await createNode(instance, SERVICE, "forge/big/tickets");
    const body = "x".repeat(20_000);
    await publish(instance, SERVICE, "forge/big/tickets", xml("entry", { xmlns: "urn:t" }, body), {
      id: "one",
    });
    const items = await getItems(instance, SERVICE, "forge/big/tickets");
    expect(items.map((item) => [item.id, item.payload?.text().length])).toEqual([["one", 20_000]]);
    expect(holder.fake.requests.map((request) => request.from)).toEqual([
      `${INSTANCE}/pubforge-test`,
      `${INSTANCE}/pubforge-test`,
      `${INSTANCE}/pubforge-test`,
    ]);
    // The process without the lock performed nothing itself.
    expect(other.fake.requests).toEqual([]);
    expect(await rowsLeft()).toBe(0);
  });

  it("passes the service's refusal on as the session would have thrown it", async () => {
    await startProcess(true);
    const other = await startProcess(false);
    const instance = other.forwarding.requester();
    await createNode(instance, SERVICE, "forge/twice/info");
    const again = await createNode(instance, SERVICE, "forge/twice/info").catch((e: unknown) => e);
    expect(isFailure(again, "conflict")).toBe(true);
  });

  it("fails as 'not connected' when no process holds the instance", async () => {
    const other = await startProcess(false);
    const started = Date.now();
    const failure = await other.forwarding
      .forward(xml("iq", { type: "get", to: SERVICE }, xml("pubsub", { xmlns: NS_PUBSUB })))
      .catch((e: unknown) => e);
    expect(isFailure(failure, "disconnected")).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(CLAIM_MS);
    expect(await rowsLeft()).toBe(0);
  });

  it("does not perform what is not an instance request (pubsub, pubsub#owner, disco#info)", async () => {
    const holder = await startProcess(true);
    const other = await startProcess(false);
    const roster = xml(
      "iq",
      { type: "get", to: INSTANCE },
      xml("query", { xmlns: "jabber:iq:roster" }),
    );
    const failure = await other.forwarding.forward(roster).catch((e: unknown) => e);
    expect(isFailure(failure, "bad-payload")).toBe(true);
    expect(holder.fake.requests).toEqual([]);
  });

  it("refuses a reply row that is not an outcome, or not a result iq", async () => {
    const other = await startProcess(false);
    // Whoever else may write the table answers in the holder's place.
    const forger = new Client({ connectionString: db.url });
    await forger.connect();
    const replies = [
      JSON.stringify({ outcome: "result", iq: "<iq type='error'/>" }),
      JSON.stringify({ outcome: "result", iq: "<iq type='result'>" }),
      JSON.stringify({ outcome: "failure", kind: "whatever", message: "x" }),
      "not json",
    ];
    try {
      await forger.query(`LISTEN ${REQUESTS_CHANNEL}`);
      forger.on("notification", (message) => {
        const id = message.payload!;
        const reply = replies.shift();
        void forger
          .query(
            `UPDATE "InstanceRequest" SET "state" = 'answered', "reply" = $2 WHERE "id" = $1`,
            [id, reply],
          )
          .then(() =>
            forger.query("SELECT pg_notify($1, $2)", [REPLIES_CHANNEL, `answered:${id}`]),
          );
      });
      for (let i = 0; i < 4; i++) {
        const failure = await other.forwarding
          .forward(xml("iq", { type: "get", to: SERVICE }, xml("pubsub", { xmlns: NS_PUBSUB })))
          .catch((e: unknown) => e);
        expect(isFailure(failure, "other")).toBe(true);
        expect((failure as Error).message).toBe("The instance's reply could not be read.");
      }
    } finally {
      await forger.end();
    }
  });
});
