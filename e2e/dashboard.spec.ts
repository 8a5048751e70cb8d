import { createHash } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import { xml } from "@xmpp/client";
import { publish } from "@/lib/xmpp/pubsub";
import { createProject, fileTicket, seriousViolations, signedInPage } from "./helpers";
import { xmppClient } from "./xmpp-client";

// The dashboard, cross-project search and profiles on alice's instance: what a members-only
// project holds reaches its members only, whichever page asks.

const SERVICE = "pubsub.a.test";
const WORD = "zeppelin";

const fileAssignedTicket = (page: Page, slug: string, title: string) =>
  fileTicket(page, `/p/${SERVICE}/${slug}`, title, { assignees: "alice@a.test, bob@b.test" });

const titles = (page: Page, list: string) =>
  page.getByTestId(list).getByTestId("item-row-title").allTextContents();

/** This test's own items in a list that other specs' items may share (a profile's activity). */
const ours = async (page: Page, list: string) =>
  (await titles(page, list)).filter((title) => title.endsWith(` ${WORD}`));

test("dashboard and search show members-only items to members only; saved searches; profiles", async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Dash public", slug: "dash-public" });
  await createProject(alice, { name: "Dash private", slug: "dash-private", access: "whitelist" });
  await fileAssignedTicket(alice, "dash-public", `Public ${WORD}`);
  await fileAssignedTicket(alice, "dash-private", `Private ${WORD}`);

  // Alice, a member of both.
  await alice.goto("/dashboard");
  await expect
    .poll(() => titles(alice, "dashboard-assigned"))
    .toEqual(expect.arrayContaining([`Public ${WORD}`, `Private ${WORD}`]));
  expect(await seriousViolations(alice)).toEqual([]);
  await alice.goto(`/search?q=${WORD}`);
  expect((await titles(alice, "search-items")).sort()).toEqual([
    `Private ${WORD}`,
    `Public ${WORD}`,
  ]);
  expect(await seriousViolations(alice)).toEqual([]);

  // Bob, assigned to both but a member of neither's members-only list.
  const bob = await signedInPage(browser, "bob@b.test");
  await bob.goto("/dashboard");
  const bobsAssigned = await titles(bob, "dashboard-assigned");
  expect(bobsAssigned).toContain(`Public ${WORD}`);
  expect(bobsAssigned).not.toContain(`Private ${WORD}`);
  expect(await bob.getByTestId("dashboard-recent").textContent()).not.toContain("Private");
  await bob.goto(`/search?q=${WORD}`);
  expect(await titles(bob, "search-items")).toEqual([`Public ${WORD}`]);
  await bob.goto(`/search?q=${encodeURIComponent(`project:${SERVICE}/dash-private ${WORD}`)}`);
  await expect(bob.getByText("No ticket or merge request matches.")).toBeVisible();

  // A saved search, from the search page to the dashboard and back, then deleted.
  await alice.goto(`/search?q=${encodeURIComponent(`is:open ${WORD}`)}`);
  await alice.getByLabel("Save this search as").fill("Airships");
  await alice.getByRole("button", { name: "Save search" }).click();
  await expect(alice.getByRole("status").filter({ hasText: "Saved as" })).toBeVisible();
  await alice.goto("/dashboard");
  await alice.getByTestId("saved-searches").getByRole("link", { name: "Airships" }).click();
  await expect(alice.getByLabel("Search all projects")).toHaveValue(`is:open ${WORD}`);
  expect(await titles(alice, "search-items")).toHaveLength(2);
  await alice.getByRole("button", { name: "Delete saved search “Airships”" }).click();
  await expect(alice.getByRole("link", { name: "Airships" })).toHaveCount(0);

  // Alice's own client publishes her vCard4 and avatar on her server; her profile shows them.
  const client = await xmppClient("alice@a.test");
  const open = { "pubsub#access_model": "open" };
  try {
    await publish(
      client,
      "alice@a.test",
      "urn:xmpp:vcard4",
      xml(
        "vcard",
        { xmlns: "urn:ietf:params:xml:ns:vcard-4.0" },
        xml("fn", {}, xml("text", {}, "Alice Pleasance Liddell")),
      ),
      { id: "current", publishOptions: open },
    );
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const id = createHash("sha1").update(png).digest("hex");
    await publish(
      client,
      "alice@a.test",
      "urn:xmpp:avatar:data",
      xml("data", { xmlns: "urn:xmpp:avatar:data" }, png.toString("base64")),
      { id, publishOptions: open },
    );
    await publish(
      client,
      "alice@a.test",
      "urn:xmpp:avatar:metadata",
      xml(
        "metadata",
        { xmlns: "urn:xmpp:avatar:metadata" },
        xml("info", { id, bytes: String(png.length), type: "image/png", width: "1", height: "1" }),
      ),
      { id, publishOptions: open },
    );
  } finally {
    await client.stop();
  }
  await bob.goto("/u/alice%40a.test");
  await expect(bob.getByTestId("profile-name")).toHaveText("Alice Pleasance Liddell");
  expect(await ours(bob, "profile-activity")).toEqual([`Public ${WORD}`]);
  const avatar = await bob.request.get(
    (await bob.getByTestId("profile-avatar").getAttribute("src"))!,
  );
  expect(avatar.status()).toBe(200);
  expect(avatar.headers()["content-type"]).toBe("image/png");
  expect(avatar.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await seriousViolations(bob)).toEqual([]);
  await alice.goto("/u/alice%40a.test");
  expect((await ours(alice, "profile-activity")).sort()).toEqual([
    `Private ${WORD}`,
    `Public ${WORD}`,
  ]);
  // A profile of someone whose server has nothing: a plain page with the JID.
  await bob.goto("/u/nobody%40b.test");
  await expect(bob.getByTestId("profile-name")).toHaveText("nobody@b.test");
});
