import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import xml, { type Element } from "@xmpp/xml";
import { parseHostMap } from "@/lib/config";
import { projectNodes } from "@/lib/forge/nodes";
import { encodeProjectInfo } from "@/lib/forge/projects/codec";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { startRogueServer, type RogueServer } from "@/lib/xmpp/testing/rogue-server";
import { instanceB } from "../playwright.config";
import { createProject, signedInPage, signIn } from "./helpers";

/**
 * Issue #12's rogue server: evil.test and trap.test are XMPP servers run by an attacker (here,
 * in this test process, on the loopback addresses scripts/test.sh pins in PUBFORGE_XMPP_HOSTS).
 * Whoever signs in through them gets a session whose every reply the attacker writes.
 */
const hosts = parseHostMap(process.env.PUBFORGE_XMPP_HOSTS ?? "");
const SERVICE = "pubsub.a.test";
const PUBSUB = "http://jabber.org/protocol/pubsub";
const FORGED_TITLE = "Forged ticket: send your password to m@evil.test";

/** What the attacker says every node of pubsub.a.test holds: an open project and his ticket. */
function forgeAnswer(iq: Element): Element | undefined {
  const pubsub = iq.getChild("pubsub", PUBSUB);
  const items = pubsub?.getChild("items");
  if (items) {
    const node = items.attrs.node as string;
    const slug = /^forge\/project\/(.+)$/.exec(node)?.[1] ?? /^forge\/([^/]+)\//.exec(node)?.[1];
    if (!slug) return undefined;
    const nodes = projectNodes(slug);
    const payload =
      node === nodes.info
        ? encodeProjectInfo(SERVICE, slug, {
            name: "Forged",
            description: "Rewritten by evil.test",
            scm: "git",
            cloneUrl: "https://evil.example/backdoor.git",
            defaultBranch: "main",
            access: "open",
          })
        : node === nodes.tickets
          ? newTicketForm({
              title: FORGED_TITLE,
              author: "Alice",
              authorJid: "alice@a.test",
              created: new Date().toISOString(),
              commentsUri: `xmpp:${SERVICE}?;node=forge%2F${slug}%2Fcomments%2Fforged`,
            })
          : undefined;
    if (!payload) return xml("iq", {}, xml("pubsub", { xmlns: PUBSUB }, xml("items", { node })));
    const id = node === nodes.info ? "info" : "forged";
    return xml(
      "iq",
      {},
      xml(
        "pubsub",
        { xmlns: PUBSUB },
        xml("items", { node }, xml("item", { id, publisher: "alice@a.test" }, payload)),
      ),
    );
  }
  const owner = iq.getChild("pubsub", `${PUBSUB}#owner`)?.getChild("affiliations");
  if (owner) {
    return xml(
      "iq",
      {},
      xml(
        "pubsub",
        { xmlns: `${PUBSUB}#owner` },
        xml(
          "affiliations",
          { node: owner.attrs.node },
          xml("affiliation", { jid: "m@evil.test", affiliation: "owner" }),
        ),
      ),
    );
  }
  return undefined;
}

async function timedHealth(request: APIRequestContext): Promise<number> {
  const started = Date.now();
  await request.get("/health");
  return Date.now() - started;
}

test.describe.serial("a hostile XMPP server", () => {
  let evil: RogueServer;
  let trap: RogueServer;

  test.beforeAll(async () => {
    const evilHost = hosts["evil.test"];
    const trapHost = hosts["trap.test"];
    if (!evilHost || !trapHost) throw new Error("PUBFORGE_XMPP_HOSTS pins no evil.test/trap.test");
    evil = await startRogueServer({ ...evilHost, domain: "evil.test", answer: forgeAnswer });
    trap = await startRogueServer({
      ...trapHost,
      domain: "trap.test",
      scram: { iterations: 2 ** 31 - 1 },
    });
  });

  test.afterAll(async () => {
    await evil?.close();
    await trap?.close();
  });

  test("a SCRAM iteration count of 2^31-1 is refused at once and the server stays responsive", async ({
    page,
    request,
  }) => {
    await page.goto("/signin");
    await page.getByLabel("XMPP address").fill("m@trap.test");
    await page.getByLabel("Password").fill("anything");
    await page.getByRole("button", { name: "Sign in" }).click();
    // 2^31-1 PBKDF2 rounds would hold the server for hours; a loaded 2-core machine sometimes
    // takes over a second to answer anything (1.7 s seen), so the bound is generous.
    for (let probe = 0; probe < 5; probe++) expect(await timedHealth(request)).toBeLessThan(5_000);
    await expect(page.locator('form [role="alert"]')).toContainText(/SCRAM iterations/, {
      timeout: 5_000,
    });
    expect(trap.requests).toHaveLength(0);
  });

  test("forged replies show its user no members-only data and change nothing others see", async ({
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    const alice = await (await browser.newContext()).newPage();
    await signIn(alice, "alice@a.test");
    await createProject(alice, { name: "Vault", slug: "vault", access: "whitelist" });
    await createProject(alice, { name: "Plaza", slug: "plaza" });

    const mallory = await (await browser.newContext()).newPage();
    await signIn(mallory, "m@evil.test", "whatever");

    // Members-only: his server says he is an owner and hands him the info item; the instance,
    // which asks pubsub.a.test itself, knows better.
    await mallory.goto(`/p/${SERVICE}/vault`);
    await expect(mallory.getByTestId("no-access")).toBeVisible();
    await expect(mallory.getByText("Vault")).toHaveCount(0);

    // An open project he "opens": what his session reads must not become what others see.
    await openByAddress(mallory, `${SERVICE}/plaza`);
    // A project that does not exist: his forgery must not create it for everybody.
    await openByAddress(mallory, `${SERVICE}/ghost`);

    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(`/p/${SERVICE}/plaza`);
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText("Plaza");
    await anonymous.goto(`/p/${SERVICE}/plaza/tickets`);
    await expect(anonymous.getByText(FORGED_TITLE)).toHaveCount(0);
    const ghost = await anonymous.goto(`/p/${SERVICE}/ghost`);
    expect(ghost?.status()).toBe(404);
    await alice.goto(`/p/${SERVICE}/plaza`);
    await expect(alice.getByText("evil.example")).toHaveCount(0);
    expect(await timedHealth(request)).toBeLessThan(1000);
  });
});

test("an anonymous visit does not make the instance open (and follow) a project it has not seen", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const bob = await (await browser.newContext({ baseURL: instanceB })).newPage();
  await signIn(bob, "bob@b.test");
  await createProject(bob, { name: "Far away", slug: "far-away", service: "pubsub.b.test" });

  const anonymous = await (await browser.newContext()).newPage();
  const response = await anonymous.goto("/p/pubsub.b.test/far-away");
  expect(response?.status()).toBe(404);
  // Someone signed in may open it: the instance reads it then.
  const alice = await signedInPage(browser, "alice@a.test");
  await alice.goto("/p/pubsub.b.test/far-away");
  await expect(alice.getByRole("heading", { level: 1 })).toHaveText("Far away");
});

async function openByAddress(page: Page, address: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel("Open a project by address").fill(address);
  await page.getByLabel("Open a project by address").press("Enter");
  await page.waitForLoadState("networkidle");
}
