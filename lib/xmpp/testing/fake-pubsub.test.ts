// The fake service refuses what Prosody refuses: forge tests that pass against it would
// otherwise prove nothing.
import xml from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { isFailure } from "../errors";
import {
  configureNode,
  createNode,
  getAffiliations,
  getNodeConfig,
  getItems,
  publish,
  retract,
  setAffiliations,
  subscribe,
} from "../pubsub";
import { FakePubsub } from "./fake-pubsub";

const SERVICE = "pubsub.a.test";
const payload = (text: string) => xml("entry", { xmlns: "urn:test" }, text);

function world() {
  const pubsub = new FakePubsub({ [SERVICE]: { admins: ["admin@a.test"] } });
  return {
    pubsub,
    admin: pubsub.session("admin@a.test"),
    alice: pubsub.session("alice@a.test"),
    bob: pubsub.session("bob@b.test"),
  };
}

const refused = (kind: Parameters<typeof isFailure>[1]) => (error: unknown) => {
  expect(isFailure(error, kind), String(error)).toBe(true);
  return "refused";
};

describe("FakePubsub", () => {
  it("lets only admins create nodes, once, with known configuration fields", async () => {
    const { admin, alice, pubsub } = world();
    expect(await createNode(alice, SERVICE, "n").catch(refused("forbidden"))).toBe("refused");
    await createNode(admin, SERVICE, "n", { "pubsub#max_items": "2" });
    expect(await createNode(admin, SERVICE, "n").catch(refused("conflict"))).toBe("refused");
    await expect(createNode(admin, SERVICE, "m", { "pubsub#made_up": "1" })).rejects.toThrow();
    expect(pubsub.node(SERVICE, "m")).toBeUndefined();
    expect(pubsub.node(SERVICE, "n")?.affiliations.get("admin@a.test")).toBe("owner");
  });

  it("keeps items in order, with their publisher, up to max_items", async () => {
    const { admin, alice } = world();
    await createNode(admin, SERVICE, "n", {
      "pubsub#publish_model": "open",
      "pubsub#max_items": "2",
    });
    for (const id of ["a", "b", "c"]) await publish(alice, SERVICE, "n", payload(id), { id });
    const assigned = await publish(alice, SERVICE, "n", payload("d"));
    expect(assigned).toMatch(/^[0-9a-f]{16}$/);
    const items = await getItems(alice, SERVICE, "n");
    expect(items.map((item) => [item.id, item.publisher])).toEqual([
      ["c", "alice@a.test"],
      [assigned, "alice@a.test"],
    ]);
    expect((await getItems(alice, SERVICE, "n", { ids: ["c", "zz"] })).map((i) => i.id)).toEqual([
      "c",
    ]);
    expect((await getItems(alice, SERVICE, "n", { maxItems: 1 })).map((i) => i.id)).toEqual([
      assigned,
    ]);
  });

  it("applies publish and access models, publish-options and affiliations", async () => {
    const { admin, alice, bob } = world();
    await createNode(admin, SERVICE, "closed", {
      "pubsub#access_model": "whitelist",
      "pubsub#publish_model": "publishers",
    });
    expect(await publish(alice, SERVICE, "closed", payload("x")).catch(refused("forbidden"))).toBe(
      "refused",
    );
    expect(await getItems(alice, SERVICE, "closed").catch(refused("forbidden"))).toBe("refused");
    expect(
      await subscribe(alice, SERVICE, "closed", "alice@a.test").catch(refused("forbidden")),
    ).toBe("refused");
    expect(await getAffiliations(alice, SERVICE, "closed").catch(refused("forbidden"))).toBe(
      "refused",
    );

    await setAffiliations(admin, SERVICE, "closed", { "alice@a.test": "publisher" });
    await publish(alice, SERVICE, "closed", payload("x"), {
      id: "x",
      publishOptions: { "pubsub#access_model": "whitelist" },
    });
    expect(
      await publish(alice, SERVICE, "closed", payload("y"), {
        publishOptions: { "pubsub#access_model": "open" },
      }).catch(refused("conflict")),
    ).toBe("refused");
    expect(await retract(bob, SERVICE, "closed", "x").catch(refused("forbidden"))).toBe("refused");
    await retract(alice, SERVICE, "closed", "x");
    expect(await retract(alice, SERVICE, "closed", "x").catch(refused("item-not-found"))).toBe(
      "refused",
    );
    expect(await getItems(bob, SERVICE, "nowhere").catch(refused("item-not-found"))).toBe(
      "refused",
    );
  });

  it("keeps an outcast from reading, but not from publishing to an open node (Prosody 0.12)", async () => {
    const { admin, bob } = world();
    await createNode(admin, SERVICE, "tracker", { "pubsub#publish_model": "open" });
    await createNode(admin, SERVICE, "log", { "pubsub#publish_model": "publishers" });
    for (const node of ["tracker", "log"]) {
      await setAffiliations(admin, SERVICE, node, { "bob@b.test": "outcast" });
    }
    expect(await getItems(bob, SERVICE, "tracker").catch(refused("forbidden"))).toBe("refused");
    expect(await subscribe(bob, SERVICE, "tracker", "bob@b.test").catch(refused("forbidden"))).toBe(
      "refused",
    );
    expect(await publish(bob, SERVICE, "log", payload("x")).catch(refused("forbidden"))).toBe(
      "refused",
    );
    // util/pubsub.lua checks the open publish model after the outcast's capabilities.
    await publish(bob, SERVICE, "tracker", payload("spam"), { id: "spam" });
  });

  it("ignores an affiliation given to a bare domain for that domain's users", async () => {
    const { admin, bob } = world();
    await createNode(admin, SERVICE, "n", { "pubsub#publish_model": "open" });
    await setAffiliations(admin, SERVICE, "n", { "b.test": "outcast" });
    expect(await getItems(bob, SERVICE, "n")).toEqual([]);
  });

  it("lets owners and publishers read a node's configuration and only owners change it", async () => {
    const { admin, alice, bob } = world();
    await createNode(admin, SERVICE, "n", {
      "pubsub#publish_model": "open",
      "pubsub#access_model": "open",
    });
    await setAffiliations(admin, SERVICE, "n", { "alice@a.test": "publisher" });
    expect(await getNodeConfig(alice, SERVICE, "n")).toMatchObject({
      "pubsub#publish_model": "open",
    });
    expect(await getNodeConfig(bob, SERVICE, "n").catch(refused("forbidden"))).toBe("refused");
    expect(
      await configureNode(alice, SERVICE, "n", { "pubsub#publish_model": "publishers" }).catch(
        refused("forbidden"),
      ),
    ).toBe("refused");
    await configureNode(admin, SERVICE, "n", { "pubsub#publish_model": "publishers" });
    // Fields left out keep their value.
    expect(await getNodeConfig(admin, SERVICE, "n")).toMatchObject({
      "pubsub#publish_model": "publishers",
      "pubsub#access_model": "open",
    });
    expect(await publish(bob, SERVICE, "n", payload("x")).catch(refused("forbidden"))).toBe(
      "refused",
    );
    await expect(
      configureNode(admin, SERVICE, "n", { "pubsub#publish_model": "anyone" }),
    ).rejects.toThrow();
  });

  it("notifies subscribers of items and retractions", async () => {
    const { admin, alice, bob } = world();
    await createNode(admin, SERVICE, "n", {
      "pubsub#publish_model": "open",
      "pubsub#notify_retract": "1",
    });
    await subscribe(bob, SERVICE, "n", bob.address);
    const heard: string[] = [];
    bob.on("pubsub", (event) =>
      heard.push(
        event.kind === "items" ? `items ${event.items.map((i) => i.id)}` : `${event.kind}`,
      ),
    );
    await publish(alice, SERVICE, "n", payload("hi"), { id: "1" });
    await retract(admin, SERVICE, "n", "1");
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(["items 1", "retract"]);
  });

  it("records any request it cannot answer, and refuses services it does not host", async () => {
    const { alice, pubsub } = world();
    await expect(
      alice.request(
        xml("iq", { type: "get", to: SERVICE }, xml("query", { xmlns: "jabber:iq:version" })),
      ),
    ).rejects.toThrow();
    expect(pubsub.unexpected).toHaveLength(1);
    expect(await getItems(alice, "pubsub.elsewhere.test", "n").catch(refused("unreachable"))).toBe(
      "refused",
    );
  });
});
