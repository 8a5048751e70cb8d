import { execFileSync } from "node:child_process";
import { expect, test, type Browser, type Page, type Request } from "@playwright/test";
import { projectNodes } from "@/lib/forge/nodes";
import { strangersComment, strangersTicket } from "@/lib/forge/testing/spam";
import { decodeTicket } from "@/lib/forge/tickets/codec";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { createProject, DEMO_PASSWORD, fileTicket, signedInPage } from "./helpers";
import { type TestClient, xmppClient } from "./xmpp-client";

const SERVICE = "pubsub.a.test";
const SLUG = "moderated";
const BASE = `/p/${SERVICE}/${SLUG}`;
const NODES = projectNodes(SLUG);

/** Accounts of this run only, on b.test (scripts/test.sh exports the test pair's addresses). */
function register(name: string): string {
  const local = `${name}-${Date.now().toString(36)}`;
  execFileSync("bash", ["scripts/xmpp.sh", "register", local, "b.test", DEMO_PASSWORD], {
    stdio: "pipe",
  });
  return `${local}@b.test`;
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "accepted",
    (error: unknown) => error,
  );

async function ticketTitles(page: Page): Promise<string[]> {
  await page.goto(`${BASE}/tickets?status=all`);
  return page.getByTestId("ticket-row").evaluateAll((rows) => rows.map((r) => r.dataset.title!));
}

/** Waits until the instance has cached (or hidden) what a client published. */
async function expectTitles(page: Page, check: (titles: string[]) => void): Promise<void> {
  await expect(async () => check(await ticketTitles(page))).toPass({ timeout: 20_000 });
}

async function openTicket(page: Page, title: string): Promise<void> {
  await page.goto(`${BASE}/tickets?status=all`);
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByTestId("ticket-title")).toHaveText(title);
}

/**
 * The request a click on a server action's button sends, caught before it leaves the page (so
 * the action does not run), to be sent again with someone else's cookies.
 */
async function interceptAction(page: Page, click: () => Promise<void>): Promise<Request> {
  let caught: Request | undefined;
  await page.route("**/*", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      caught = route.request();
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await click();
  await expect.poll(() => caught !== undefined).toBe(true);
  await page.unroute("**/*");
  return caught!;
}

/** Sends a caught server action request again, as whoever `page` is signed in as. */
async function replayAs(page: Page, request: Request): Promise<string> {
  const headers = request.headers();
  const reply = await page.request.post(request.url(), {
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"]!,
      origin: new URL(request.url()).origin,
      accept: "text/x-component",
    },
    data: request.postDataBuffer() ?? "",
  });
  expect(reply.status()).toBe(200);
  return reply.text();
}

test.describe.serial("moderation of an open tracker", () => {
  let alice: Page;
  let aliceClient: TestClient;
  let spammer: TestClient;
  let spamJid = "";
  let thread = { jid: "", node: "" };

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    test.setTimeout(180_000);
    spamJid = register("spam");
    alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Moderated", slug: SLUG });
    await fileTicket(alice, BASE, "Real bug");
    aliceClient = await xmppClient("alice@a.test");
    spammer = await xmppClient(spamJid);
    const [real] = await getItems(aliceClient, SERVICE, NODES.tickets);
    const decoded = real ? decodeTicket(real.element) : undefined;
    const commentsUri = decoded?.ok ? decoded.ticket.commentsUri : undefined;
    const uri = commentsUri ? parseXmppUri(commentsUri) : undefined;
    if (!uri?.node) throw new Error("alice's ticket has no comments node");
    thread = { jid: uri.jid, node: uri.node };
  });

  test.afterAll(async () => {
    await spammer?.stop();
    await aliceClient?.stop();
    await alice?.context().close();
  });

  test("alice deletes spam; bob sees no controls and his hand-made delete is refused", async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    await publish(spammer, SERVICE, NODES.tickets, strangersTicket("Cheap pills", spamJid), {
      id: "pills",
    });
    await publish(spammer, thread.jid, thread.node, strangersComment("Buy now", spamJid));
    await expectTitles(alice, (titles) => expect(titles).toContain("Cheap pills"));
    await openTicket(alice, "Real bug");
    const spamComment = alice.getByTestId("comment").filter({ hasText: "Buy now" });
    await expect(spamComment).toBeVisible();
    // Alice's click on Delete, caught before it reaches the server...
    const deleteComment = await interceptAction(alice, async () => {
      await spamComment.getByText("Delete…").click();
      await spamComment.getByRole("button", { name: "Delete comment" }).click();
    });

    const bob = await signedInPage(browser, "bob@b.test");
    await openTicket(bob, "Cheap pills");
    await expect(bob.getByRole("link", { name: "Moderation" })).toHaveCount(0);
    await expect(bob.getByTestId("delete-item")).toHaveCount(0);
    await expect(bob.getByTestId("lock-control")).toHaveCount(0);
    await openTicket(bob, "Real bug");
    await expect(bob.getByTestId("delete-comment")).toHaveCount(0);
    await bob.goto(`${BASE}/moderation`);
    await expect(bob.getByTestId("moderation-refused")).toBeVisible();
    await expect(bob.getByLabel("Address or domain to block")).toHaveCount(0);

    // ...sent with Bob's session: the server refuses him, and the comment stays.
    expect(await replayAs(bob, deleteComment)).toContain(
      "Only the project's maintainers (its owners and publishers) may moderate it.",
    );
    expect((await getItems(aliceClient, thread.jid, thread.node)).length).toBe(1);
    await bob.context().close();
    // The very same request with Alice's session deletes it.
    expect(await replayAs(alice, deleteComment)).not.toContain("Only the project's maintainers");
    expect(await getItems(aliceClient, thread.jid, thread.node)).toEqual([]);
    await openTicket(alice, "Real bug");
    await expect(alice.getByTestId("comment")).toHaveCount(0);

    // The Delete button, with its confirmation.
    await openTicket(alice, "Cheap pills");
    await alice.getByText("Delete ticket…").click();
    await alice.getByRole("button", { name: "Delete ticket", exact: true }).click();
    await expect(alice).toHaveURL(new RegExp(`${BASE}/tickets$`));
    await expectTitles(alice, (titles) => expect(titles).toEqual(["Real bug"]));
    const left = await getItems(aliceClient, SERVICE, NODES.tickets);
    expect(left.map((item) => item.id)).not.toContain("pills");
  });

  test("a blocked JID: his items vanish, his reads are refused, what he publishes next is hidden", async () => {
    test.setTimeout(180_000);
    await publish(spammer, SERVICE, NODES.tickets, strangersTicket("More pills", spamJid));
    await publish(spammer, thread.jid, thread.node, strangersComment("Still here", spamJid));
    await expectTitles(alice, (titles) => expect(titles).toContain("More pills"));

    await alice.goto(`${BASE}/moderation`);
    await alice.getByLabel("Address or domain to block").fill(spamJid);
    await alice.getByRole("button", { name: "Block", exact: true }).click();
    await expect(alice.getByRole("status").filter({ hasText: "Blocked" })).toContainText(
      `Blocked ${spamJid}`,
    );
    await expect(alice.getByTestId("blocked-list")).toContainText(spamJid);

    await expectTitles(alice, (titles) => expect(titles).toEqual(["Real bug"]));
    await openTicket(alice, "Real bug");
    await expect(alice.getByTestId("comment")).toHaveCount(0);

    // Prosody 0.12 honours the outcast affiliation for reading...
    const read = await refusal(getItems(spammer, SERVICE, NODES.tickets));
    expect(isFailure(read, "forbidden"), String(read)).toBe(true);
    // ...but lets an outcast publish to a node whose publish model is open (util/pubsub.lua):
    // the service keeps it, Pubforge shows it nowhere.
    const published = await refusal(
      publish(spammer, SERVICE, NODES.tickets, strangersTicket("Third wave", spamJid)),
    );
    await publish(aliceClient, SERVICE, NODES.tickets, strangersTicket("Canary", "alice@a.test"));
    await expectTitles(alice, (titles) => expect(titles).toContain("Canary"));
    expect(await ticketTitles(alice)).not.toContain("Third wave");
    expect(published).toBe("accepted");
  });

  test("a locked thread refuses a new comment from a non-maintainer", async ({ browser }) => {
    test.setTimeout(180_000);
    await openTicket(alice, "Real bug");
    await alice.getByRole("button", { name: "Lock thread" }).click();
    await expect(alice.getByTestId("locked-note")).toContainText("Locked by alice@a.test");
    await expect(alice.getByRole("button", { name: "Unlock thread" })).toBeVisible();
    // Maintainers still comment.
    await alice.getByLabel("Add a comment").fill("Closing the discussion.");
    await alice.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(alice.getByTestId("comment")).toHaveCount(1);

    const carol = await signedInPage(browser, "carol@a.test");
    await openTicket(carol, "Real bug");
    await expect(carol.getByTestId("locked-note")).toContainText("Locked by alice@a.test");
    await expect(carol.getByLabel("Add a comment")).toHaveCount(0);
    await carol.context().close();
    const carolClient = await xmppClient("carol@a.test");
    try {
      const refused = await refusal(
        publish(
          carolClient,
          thread.jid,
          thread.node,
          strangersComment("Let me in", "carol@a.test"),
        ),
      );
      expect(isFailure(refused, "forbidden"), String(refused)).toBe(true);
    } finally {
      await carolClient.stop();
    }
  });

  test("a blocked domain hides another account of it, though Prosody ignores it; the log lists it all", async () => {
    test.setTimeout(180_000);
    const otherJid = register("spam2");
    const other = await xmppClient(otherJid);
    try {
      await publish(other, SERVICE, NODES.tickets, strangersTicket("Other account", otherJid));
      await expectTitles(alice, (titles) => expect(titles).toContain("Other account"));

      await alice.goto(`${BASE}/moderation`);
      await alice.getByLabel("Address or domain to block").fill("b.test");
      await alice.getByRole("button", { name: "Block", exact: true }).click();
      await expect(alice.getByTestId("blocked-list")).toContainText("b.test");
      await expectTitles(alice, (titles) => expect(titles.sort()).toEqual(["Canary", "Real bug"]));
      // Prosody looks affiliations up by full and bare JID only: a domain's users still read.
      expect(await refusal(getItems(other, SERVICE, NODES.tickets))).toBe("accepted");
    } finally {
      await other.stop();
    }

    await alice.goto(`${BASE}/moderation`);
    const log = alice.getByTestId("moderation-log").getByRole("listitem");
    await expect(log).toHaveText([
      /alice@a\.test blocked b\.test/,
      /alice@a\.test locked the thread of ticket #1 “Real bug”/,
      new RegExp(`alice@a\\.test blocked ${spamJid.replace(/\./g, "\\.")}`),
      /alice@a\.test deleted ticket pills “Cheap pills”/,
      new RegExp(`alice@a\\.test deleted comment by ${spamJid.replace(/\./g, "\\.")} on ticket #1`),
    ]);
  });
});
