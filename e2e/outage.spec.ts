import { execFileSync } from "node:child_process";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { projectNodes } from "@/lib/forge/nodes";
import { mirrorNodeName } from "@/lib/forge/federation/mirror";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { instanceB } from "../playwright.config";
import { createProject, DEMO_PASSWORD, signIn } from "./helpers";

const SERVICE = "pubsub.a.test";
const SLUG = "outage";
const BASE = `/p/${SERVICE}/${SLUG}`;
const TICKETS = projectNodes(SLUG).tickets;

function xmppServer(action: "start" | "stop", server: "a" | "b"): void {
  execFileSync("bash", ["scripts/xmpp.sh", action, server], { stdio: "inherit" });
}

/** Files tickets the way any XMPP client would: straight to pubsub.a.test, as alice. */
async function publishTickets(titles: string[]): Promise<void> {
  const alice = await XmppSession.open({ jid: "alice@a.test", password: DEMO_PASSWORD });
  try {
    for (const title of titles) {
      const form = newTicketForm({
        title,
        author: "alice",
        authorJid: "alice@a.test",
        created: new Date().toISOString(),
        commentsUri: "",
      });
      await publish(alice, SERVICE, TICKETS, form);
    }
  } finally {
    await alice.close();
  }
}

/** Item ids of the home tickets node and of its mirror on pubsub.b.test, read over XMPP. */
async function homeAndMirrorIds(): Promise<{ home: string[]; mirror: string[] }> {
  const dave = await XmppSession.open({ jid: "dave@b.test", password: DEMO_PASSWORD });
  try {
    const ids = async (service: string, node: string) =>
      (await getItems(dave, service, node)).map((item) => item.id).sort();
    return {
      home: await ids(SERVICE, TICKETS),
      mirror: await ids("pubsub.b.test", mirrorNodeName(SERVICE, TICKETS)),
    };
  } finally {
    await dave.close();
  }
}

/** Waits until an instance's own XMPP session is back, so later tests start from a calm state. */
async function instanceOnline(request: APIRequestContext, origin: string): Promise<void> {
  await expect
    .poll(async () => (await request.get(`${origin}/health`)).status(), { timeout: 60_000 })
    .toBe(200);
}

async function ticketRows(page: Page): Promise<number> {
  await page.goto(`${BASE}/tickets`);
  return page.getByTestId("ticket-row").count();
}

test("the b.test instance serves its mirror read-only while a.test is down, then catches up exactly", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, "alice@a.test");
  await createProject(alice, { name: "Outage", slug: SLUG });
  await publishTickets(["Before one", "Before two"]);

  const bob = await (await browser.newContext({ baseURL: instanceB })).newPage();
  await signIn(bob, "bob@b.test");
  await bob.goto(BASE);
  // Only the project's owners and maintainers are offered a mirror: its owner starts it.
  await expect(bob.getByRole("heading", { level: 1 })).toHaveText("Outage");
  await expect(bob.getByRole("button", { name: "Mirror onto pubsub.b.test" })).toHaveCount(0);
  const aliceOnB = await (await browser.newContext({ baseURL: instanceB })).newPage();
  await signIn(aliceOnB, "alice@a.test");
  await aliceOnB.goto(BASE);
  await aliceOnB.getByRole("button", { name: "Mirror onto pubsub.b.test" }).click();
  await expect(aliceOnB.getByTestId("mirror-panel")).toContainText("current as of", {
    timeout: 20_000,
  });
  await aliceOnB.close();
  await bob.reload();
  await expect(bob.getByTestId("mirror-panel")).toContainText("Mirrored on");
  const copied = await homeAndMirrorIds();
  expect(copied.home).toHaveLength(2);
  expect(copied.mirror).toEqual(copied.home);

  try {
    xmppServer("stop", "a");
    await expect(async () => {
      await bob.goto(`${BASE}/tickets`);
      await expect(bob.getByTestId("home-away")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(bob.getByTestId("home-away")).toContainText("pubsub.b.test");
    await expect(bob.getByTestId("ticket-row")).toHaveCount(2);
    // Reading goes on: the list still filters; publishing controls are off.
    await expect(bob.getByLabel("Search tickets")).toBeEnabled();
    await expect(bob.getByLabel("Select “Before one”")).toBeDisabled();
    await bob.getByRole("link", { name: "Before one" }).click();
    await expect(bob.getByLabel("Change status")).toBeDisabled();
  } finally {
    xmppServer("start", "a");
  }

  await publishTickets(["After one", "After two", "After three"]);
  await expect.poll(() => ticketRows(bob), { timeout: 45_000 }).toBe(5);
  // Notifications may bring the items before the instance's next check of a.test (≤ 15 s
  // apart while it is away) lifts the banner.
  await expect
    .poll(
      async () => {
        await bob.reload();
        return bob.getByTestId("home-away").count();
      },
      { timeout: 30_000 },
    )
    .toBe(0);
  await expect
    .poll(
      async () => {
        const { home, mirror } = await homeAndMirrorIds();
        return { homeCount: home.length, same: home.join() === mirror.join() };
      },
      { timeout: 20_000 },
    )
    .toEqual({ homeCount: 5, same: true });

  await instanceOnline(request, "http://127.0.0.1:" + (process.env.PUBFORGE_TEST_PORT ?? "3100"));
  await instanceOnline(request, instanceB);
});
