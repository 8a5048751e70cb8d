// Checks into the cache: only from the bots the project's service names as publishers now.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentRevisionChecks, deleteProjectChecks, listRevisionChecks } from "@/lib/cache/checks";
import { getDb } from "@/lib/cache/db";
import { instanceState } from "@/lib/forge/federation/instance-account";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { cacheProject, changesDuring, itemOf } from "@/lib/forge/testing/sync-items";
import { createNode, setAffiliations } from "@/lib/xmpp/pubsub";
import { FakePubsub } from "@/lib/xmpp/testing/fake-pubsub";
import { type Check, checkItemId, encodeCheck } from "./codec";
import { forgetCheckPublishers } from "./publishers";
import { checkSync } from "./sync";

// The instance (forge@a.test by default) is an admin of pubsub.a.test: it may ask who publishes.
const SERVICE = "pubsub.a.test";
const SLUG = "ci-proj";
const PROJECT = `${SERVICE}/${SLUG}`;
const NODES = projectNodes(SLUG);
const context = { projectId: PROJECT, slug: SLUG, service: SERVICE, node: NODES.checks };
const MR = itemKey(SERVICE, NODES.mergeRequests, "mr-1");
const fake = new FakePubsub({ [SERVICE]: { admins: ["forge@a.test"] } });
const instance = fake.session("forge@a.test");

const check = (status: Check["status"], name = "ci", revision = 2): Check => ({
  mergeRequest: "mr-1",
  revision,
  name,
  status,
  url: "",
  summary: `${status} summary`,
});
const itemBy = (publisher: string, value: Check) =>
  itemOf(checkItemId(value), encodeCheck(value), publisher);

describe("check sync", () => {
  useCacheDatabase();
  beforeAll(async () => {
    await cacheProject(SERVICE, SLUG);
    await createNode(instance, SERVICE, NODES.checks, {});
    await setAffiliations(instance, SERVICE, NODES.checks, {
      "alice@a.test": "owner",
      "ci@b.test": "publisher",
    });
    instanceState().session = instance;
  });
  afterAll(() => {
    instanceState().session = undefined;
  });

  it("caches an allowed bot's check of a revision and announces its merge request", async () => {
    let applied = 0;
    const changes = await changesDuring(async () => {
      ({ applied } = await checkSync.applyItems(context, [itemBy("ci@b.test", check("pending"))]));
    }, PROJECT);
    expect(applied).toBe(1);
    expect(changes).toEqual([{ projectId: PROJECT, kind: "merge-request", id: MR }]);
    await checkSync.applyItems(context, [itemBy("ci@b.test", check("success"))]);
    expect(await listRevisionChecks(MR, 2)).toMatchObject([
      { name: "ci", status: "success", publisher: "ci@b.test", summary: "success summary" },
    ]);
    expect(await listRevisionChecks(MR, 1)).toEqual([]);
  });

  it("ignores a check from someone the service does not list as a publisher", async () => {
    const result = await checkSync.applyItems(context, [
      itemBy("mallory@evil.example", check("success", "lint")),
    ]);
    expect(result.applied).toBe(0);
    expect(result.rejected[0]?.reason).toMatch(/not an allowed CI bot/);
    expect((await listRevisionChecks(MR, 2)).map((row) => row.name)).toEqual(["ci"]);
  });

  it("ignores a bot's check once it is no longer a publisher", async () => {
    await setAffiliations(instance, SERVICE, NODES.checks, { "ci@b.test": "none" });
    forgetCheckPublishers(PROJECT);
    const result = await checkSync.applyItems(context, [
      itemBy("ci@b.test", check("failure", "ci", 3)),
    ]);
    expect(result.applied).toBe(0);
    expect(await listRevisionChecks(MR, 3)).toEqual([]);
    await setAffiliations(instance, SERVICE, NODES.checks, { "ci@b.test": "publisher" });
    forgetCheckPublishers(PROJECT);
  });

  it("refills the same rows from the items alone, and drops retracted ones", async () => {
    const items = [
      itemBy("ci@b.test", check("success")),
      itemBy("ci@b.test", check("failure", "lint")),
    ];
    await checkSync.applyItems(context, items);
    const db = await getDb();
    const rows = async () =>
      (await db.mergeRequestCheck.findMany({ orderBy: { id: "asc" } })).map((row) => ({
        ...row,
        updated: undefined,
      }));
    const before = await rows();
    await deleteProjectChecks(PROJECT);
    await checkSync.applyItems(context, items);
    expect(await rows()).toEqual(before);
    expect((await currentRevisionChecks([{ id: MR, revision: 2 }])).get(MR)).toHaveLength(2);
    await checkSync.applyRetractions(context, [checkItemId(check("failure", "lint"))]);
    expect((await listRevisionChecks(MR, 2)).map((row) => row.name)).toEqual(["ci"]);
  });
});
