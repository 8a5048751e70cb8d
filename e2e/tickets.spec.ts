import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { parseXml } from "@/lib/xmpp/xml";
import { decodeTicket } from "@/lib/forge/tickets/codec";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { instanceB } from "../playwright.config";
import {
  createProject,
  DEMO_PASSWORD,
  fileTicket,
  formAlert,
  signedInPage,
  signIn,
} from "./helpers";

const SERVICE = "pubsub.a.test";
const SLUG = "tracker";
const BASE = `/p/${SERVICE}/${SLUG}`;
const TICKETS_NODE = `fdp/submitted/org.salut-a-toi.tickets:0_${SLUG}`;

/** Pages left open keep refreshing on every change and slow the later tests' live checks. */
async function closeAll(...pages: Page[]): Promise<void> {
  for (const page of pages) await page.context().close();
}

test.describe.serial("tickets", () => {
  test("alice creates a project, files tickets; bob comments and changes a status; alice sees it live", async ({
    browser,
  }) => {
    test.setTimeout(120_000); // a project, three tickets, two people: ~40 s on a busy machine
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Tracker", slug: SLUG });
    await expect(alice.getByRole("heading", { level: 1 })).toHaveText("Tracker");

    await fileTicket(alice, BASE, "Crash on empty input", {
      labels: "parser, crash",
      description: "It **crashes**.",
    });
    await fileTicket(alice, BASE, "Add a --verbose flag", { labels: "cli" });
    await fileTicket(alice, BASE, "Typo in README", { labels: "docs" });

    await alice.goto(`${BASE}/tickets?status=all`);
    await expect(alice.getByTestId("ticket-row")).toHaveCount(3);
    await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
    const crashRow = alice.locator('[data-testid=ticket-row][data-title="Crash on empty input"]');
    await expect(crashRow.getByTestId("comment-count")).toHaveText(/0/);
    await expect(crashRow.getByTestId("status-badge")).toHaveAttribute("data-status", "queued");

    const bob = await signedInPage(browser, "bob@b.test");
    await bob.goto(`${BASE}/tickets`);
    await bob.getByRole("link", { name: "Crash on empty input" }).click();
    await bob.getByLabel("Add a comment").fill("Same here with an **empty** file.");
    await bob.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(bob.getByTestId("comment")).toHaveCount(1);
    await expect(bob.getByTestId("comment")).toContainText("bob@b.test");
    await bob.getByLabel("Change status").selectOption("started");
    await bob.getByRole("button", { name: "Set status" }).click();
    await expect(bob.locator("header").getByTestId("status-badge")).toHaveAttribute(
      "data-status",
      "started",
    );

    // No reload on alice's side: the list must change by itself (no page polls; 10 s allows for
    // a loaded machine and an ejabberd peer).
    await expect(crashRow.getByTestId("comment-count")).toHaveText(/1/, { timeout: 10_000 });
    await expect(crashRow.getByTestId("status-badge")).toHaveAttribute("data-status", "started", {
      timeout: 10_000,
    });
    await expect(alice.getByTestId("status-tab-started")).toContainText("1");
  });

  test("the list filters by label, status and text", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(`${BASE}/tickets?label=docs`);
    await expect(alice.getByTestId("ticket-row")).toHaveCount(1);
    await alice.goto(`${BASE}/tickets?q=verbose`);
    await expect(alice.getByTestId("ticket-row")).toHaveText([/Add a --verbose flag/]);
    await alice.goto(`${BASE}/tickets?status=started`);
    await expect(alice.getByTestId("ticket-row")).toHaveText([/Crash on empty input/]);
  });

  test("the list opens on Open, filters as you choose, says when nothing matches, lists its shortcuts", async ({
    browser,
  }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(`${BASE}/tickets`);
    // "Crash on empty input" was started: the Open tab leaves it out.
    await expect(alice.getByTestId("status-tab-queued")).toHaveAttribute("aria-current", "page");
    await expect(alice.getByTestId("ticket-row")).toHaveCount(2);
    await expect(alice.getByRole("button", { name: "Filter", exact: true })).toHaveCount(0);

    // A choice applies at once, typing after a pause; no button to press.
    await alice.getByLabel("Label", { exact: true }).selectOption("docs");
    await expect(alice).toHaveURL(/label=docs/);
    await expect(alice.getByTestId("ticket-row")).toHaveText([/Typo in README/]);
    await alice.getByLabel("Label", { exact: true }).selectOption("");
    await expect(alice.getByTestId("ticket-row")).toHaveCount(2);
    await alice.getByLabel("Search tickets").click();
    await alice.keyboard.insertText("verbose");
    await expect(alice.getByTestId("ticket-row")).toHaveText([/Add a --verbose flag/]);

    await alice.getByLabel("Search tickets").fill("");
    await alice.keyboard.insertText("no such words anywhere");
    await expect(alice.getByTestId("empty-list")).toContainText("No tickets match these filters.");
    await expect(alice.getByTestId("ticket-row")).toHaveCount(0);
    await alice.getByRole("link", { name: "Clear filters" }).click();
    await expect(alice.getByTestId("ticket-row")).toHaveCount(2);
    await expect(alice.getByLabel("Search tickets")).toHaveValue("");

    // `?` lists the shortcuts; Escape closes the list.
    await alice.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await alice.keyboard.press("?");
    const dialog = alice.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("Next ticket");
    await expect(dialog).toContainText("File a new ticket");
    await alice.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
  });

  test("bulk-closing tickets from the list", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(`${BASE}/tickets?status=queued`);
    await alice.getByLabel("Select “Typo in README”").check();
    await alice.getByLabel("Select “Add a --verbose flag”").check();
    await alice.getByLabel("New status").selectOption("closed");
    await alice.getByRole("button", { name: "Apply" }).click();
    await expect(alice.getByRole("status")).toContainText("2 tickets updated");
    await alice.goto(`${BASE}/tickets?status=closed`);
    await expect(alice.getByTestId("ticket-row")).toHaveCount(2);
  });

  test("owners grant maintainer rights; the service refuses anyone else", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(BASE);
    await alice.getByText("Maintainers").click();
    const rights = alice.getByTestId("maintainer-list").getByRole("listitem");
    await expect(rights.filter({ hasText: "alice@a.test" })).toHaveText(/alice@a\.test\s*owner/);
    await expect(rights.filter({ hasText: "bob@b.test" })).toHaveCount(0);
    await alice.getByLabel("Address (JID)").fill("bob@b.test");
    await alice.getByRole("button", { name: "Set role" }).click();
    await expect(alice.getByRole("status").filter({ hasText: "updated" })).toContainText(
      "bob@b.test updated.",
    );
    await expect(rights.filter({ hasText: "bob@b.test" })).toHaveText(/bob@b\.test\s*maintainer/);

    const bob = await signedInPage(browser, "bob@b.test");
    await bob.goto(BASE);
    await bob.getByText("Maintainers").click();
    // Prosody lets only owners list affiliations: bob is told so rather than shown nobody.
    await expect(bob.getByTestId("maintainer-list-refused")).toContainText("Only owners");
    await bob.getByLabel("Address (JID)").fill("dave@b.test");
    await bob.getByRole("button", { name: "Set role" }).click();
    await expect(formAlert(bob)).toContainText("you do not have permission");
    await expect(bob.getByLabel("Address (JID)")).toHaveValue("dave@b.test");
    await closeAll(alice, bob);
  });

  test("edits keep who filed the ticket and leave events in its timeline", async ({ browser }) => {
    test.setTimeout(120_000);
    const bob = await signedInPage(browser, "bob@b.test");
    await fileTicket(bob, BASE, "Slow startup", { labels: "perf" });
    const ticketUrl = bob.url();
    await bob.getByLabel("Add a comment").fill("It takes ten seconds.");
    await bob.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(bob.getByTestId("comment")).toHaveCount(1);

    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(ticketUrl);
    await expect(alice.locator("article header")).toContainText("filed by bob@b.test");
    await expect(alice.getByTestId("last-edited-by")).toHaveCount(0);
    await alice.getByLabel("Change status").selectOption("review");
    await alice.getByRole("button", { name: "Set status" }).click();
    await expect(alice.locator("header").getByTestId("status-badge")).toHaveAttribute(
      "data-status",
      "review",
    );
    await expect(alice.locator("article header")).toContainText("filed by bob@b.test");
    await expect(alice.getByTestId("last-edited-by")).toHaveText("alice@a.test");
    const timeline = alice.getByTestId("timeline").getByRole("listitem");
    await expect(timeline).toHaveText([
      /It takes ten seconds\./,
      /alice@a\.test changed status open → review · .*\d\d:\d\d/,
    ]);
    await expect(alice.getByTestId("timeline-event")).toHaveCount(1);
    await expect(alice.getByTestId("comment")).toHaveCount(1);

    // The edit form has the main column's width, and shows the status just set: saving it with
    // another field changed keeps that status.
    await alice.getByRole("button", { name: "Edit ticket" }).click();
    const statusSelect = alice.getByLabel("Status", { exact: true });
    await expect(statusSelect).toHaveValue("review");
    expect((await statusSelect.boundingBox())?.width ?? 0).toBeGreaterThan(150);
    await alice.getByLabel("Title").fill("Slow startup on a cold cache");
    await alice.getByLabel("Assignees").fill("bob@b.test");
    await alice.getByRole("button", { name: "Save ticket" }).click();
    // The save publishes the ticket, then an event per changed field: slow on a busy machine.
    await expect(alice.getByTestId("ticket-title")).toHaveText("Slow startup on a cold cache", {
      timeout: 30_000,
    });
    await expect(alice.locator("header").getByTestId("status-badge")).toHaveAttribute(
      "data-status",
      "review",
    );
    await expect(alice.getByTestId("timeline-event")).toHaveText([
      /alice@a\.test changed status open → review/,
      /alice@a\.test changed the title Slow startup → Slow startup on a cold cache/,
      /alice@a\.test assigned bob@b\.test/,
    ]);

    // A bulk edit from the list, by bob this time: still filed by bob, now last edited by him.
    await bob.goto(`${BASE}/tickets?status=review`);
    await bob.getByLabel("Select “Slow startup on a cold cache”").check();
    await bob.getByLabel("Add label", { exact: true }).fill("startup");
    await bob.getByRole("button", { name: "Apply" }).click();
    await expect(bob.getByRole("status")).toContainText("1 ticket updated");
    await bob.goto(ticketUrl);
    await expect(bob.locator("article header")).toContainText("filed by bob@b.test");
    await expect(bob.getByTestId("last-edited-by")).toHaveCount(0);
    await expect(bob.getByTestId("timeline-event").last()).toHaveText(
      /bob@b\.test added label startup/,
    );
    await closeAll(alice, bob);
  });

  test("a status change by someone else does not make them the ticket's author", async ({
    browser,
  }) => {
    // "Crash on empty input" was filed by alice; bob set its status in the first test.
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(`${BASE}/tickets?status=all&q=crash`);
    await alice.getByRole("link", { name: "Crash on empty input" }).click();
    await expect(alice.locator("article header")).toContainText("filed by alice@a.test");
    await expect(alice.getByTestId("last-edited-by")).toHaveText("bob@b.test");
    await closeAll(alice);
  });

  test("a ticket published by another client from Libervia's raw XML shows on the list", async ({
    browser,
  }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(`${BASE}/tickets?status=all`);
    await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");

    const raw = readFileSync("lib/forge/__fixtures__/libervia/ticket_publish_iq.xml", "utf8")
      .replace('to="pubsub.forge.test"', `to="${SERVICE}"`)
      .replace(
        'node="fdp/submitted/org.salut-a-toi.tickets:0"',
        `node="fdp/submitted/org.salut-a-toi.tickets:0_${SLUG}"`,
      )
      .replace(/ from="[^"]*"/, "")
      .replace(/ id="H_63"/, "");
    const carol = await XmppSession.open({ jid: "carol@a.test", password: DEMO_PASSWORD });
    try {
      await carol.request(parseXml(raw));
    } finally {
      await carol.close();
    }

    const row = alice
      .locator('[data-testid=ticket-row][data-title="Crash on empty input"]')
      .filter({ hasText: "carol@a.test" });
    await expect(alice.getByTestId("ticket-row")).toHaveCount(5, { timeout: 10_000 });
    await expect(row).toContainText("parser");
    await expect(row).toContainText("crash");
    await row.getByRole("link").click();
    await expect(alice.locator(".prose-forge").first()).toContainText(
      "The parser crashes when given an empty file.",
    );
    await expect(alice.getByText("carol@a.test").first()).toBeVisible();

    // Its body is XHTML, which the edit form cannot show as markdown: changing only the title
    // must leave it as it was.
    await alice.getByRole("button", { name: "Edit ticket" }).click();
    await alice.getByLabel("Title").fill("Crash on an empty input file");
    await alice.getByRole("button", { name: "Save ticket" }).click();
    await expect(alice.getByTestId("ticket-title")).toHaveText("Crash on an empty input file", {
      timeout: 30_000,
    });
    await expect(alice.locator(".prose-forge").first()).toContainText(
      "The parser crashes when given an empty file.",
    );
  });

  test("an item another client published in a foreign form is reported, not hidden", async ({
    browser,
  }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    const foreign = readFileSync("lib/forge/__fixtures__/libervia/d4_other_formtype.xml", "utf8");
    const carol = await XmppSession.open({ jid: "carol@a.test", password: DEMO_PASSWORD });
    try {
      await publish(
        carol,
        SERVICE,
        `fdp/submitted/org.salut-a-toi.tickets:0_${SLUG}`,
        parseXml(foreign),
        {
          id: "foreign-form",
        },
      );
    } finally {
      await carol.close();
    }
    await alice.goto(`${BASE}/tickets?status=all`);
    await expect(alice.getByTestId("unreadable-items")).toContainText("foreign-form", {
      timeout: 10_000,
    });
    await expect(alice.getByTestId("ticket-row")).toHaveCount(5);
  });

  test("tickets have short numbers, the same on both instances, kept through Libervia's update", async ({
    browser,
  }) => {
    // bob files on the b.test instance: the next number after those of the earlier tests'
    // tickets (alice's first three are #1-#3); carol's Libervia ticket has no number.
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(`${BASE}/tickets?status=all`);
    const rows = await alice.getByTestId("ticket-row").allInnerTexts();
    const highest = Math.max(...rows.map((text) => Number(/#(\d+)/.exec(text)?.[1] ?? 0)));
    expect(highest).toBeGreaterThanOrEqual(3);
    const bob = await (await browser.newContext({ baseURL: instanceB })).newPage();
    await signIn(bob, "bob@b.test");
    await fileTicket(bob, BASE, "Numbered across instances");
    await expect(bob).toHaveURL(new RegExp(`${BASE}/tickets/\\d+$`));
    const n = Number(/(\d+)$/.exec(bob.url())![1]);
    expect(n).toBe(highest + 1);

    await alice.goto(`${BASE}/tickets/${n}`);
    await expect(alice.getByTestId("ticket-title")).toHaveText("Numbered across instances");
    await alice.goto(`${BASE}/tickets?status=all`);
    const row = alice.locator('[data-testid=ticket-row][data-title="Numbered across instances"]');
    await expect(row).toContainText(`#${n}`);
    await expect(row.getByRole("link")).toHaveAttribute("href", `${BASE}/tickets/${n}`);
    const libervias = alice
      .getByTestId("ticket-row")
      .filter({ hasText: "carol@a.test" })
      .getByRole("link");
    await expect(libervias).not.toHaveAttribute("href", /\/tickets\/\d+$/);

    // #1 in a comment links ticket 1; not inside code.
    await alice.goto(`${BASE}/tickets/${n}`);
    await alice.getByLabel("Add a comment").fill("Same as #1, unlike `#2`.");
    await alice.getByRole("button", { name: "Comment", exact: true }).click();
    const comment = alice.getByTestId("comment");
    await expect(comment.getByRole("link", { name: "#1" })).toHaveAttribute(
      "href",
      `${BASE}/tickets/1`,
    );
    await expect(comment.getByRole("link", { name: "#2" })).toHaveCount(0);
    await comment.getByRole("link", { name: "#1" }).click();
    await expect(alice.getByTestId("ticket-title")).toHaveText("Crash on empty input");

    // Libervia's own update of ticket n drops the number field: the ticket keeps its number.
    const carol = await XmppSession.open({ jid: "carol@a.test", password: DEMO_PASSWORD });
    try {
      const items = await getItems(carol, SERVICE, TICKETS_NODE);
      const four = items.find((item) => {
        const decoded = decodeTicket(item.element);
        return decoded.ok && decoded.ticket.number === n;
      });
      expect(four).toBeDefined();
      const update = parseXml(
        readFileSync("lib/forge/__fixtures__/libervia/d2_extra_after_libervia_update.xml", "utf8"),
      ).getChildElements()[0]!;
      await publish(carol, SERVICE, TICKETS_NODE, update, { id: four!.id });
    } finally {
      await carol.close();
    }
    await expect(async () => {
      await alice.goto(`${BASE}/tickets/${n}`);
      await expect(alice.getByTestId("ticket-title")).toHaveText("d2 extra fields", {
        timeout: 1_000,
      });
    }).toPass({ timeout: 10_000 });
  });

  test("on a phone, titles get the full width and the filters sit behind one toggle", async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const alice = await context.newPage();
    await signIn(alice, "alice@a.test");
    const title = "Crash when the config is empty";
    await fileTicket(alice, BASE, title, { labels: "docs" });

    await alice.goto(`${BASE}/tickets?status=all`);
    const link = alice
      .locator(`[data-testid=ticket-row][data-title="${title}"]`)
      .getByTestId("ticket-link");
    await expect(link).toHaveText(title);
    const box = await link.evaluate((element) => ({
      scrollWidth: element.scrollWidth,
      clientWidth: element.clientWidth,
    }));
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    expect((await link.boundingBox())!.width).toBeGreaterThan(250);

    const label = alice.getByLabel("Label", { exact: true });
    await expect(alice.getByLabel("Search tickets")).toBeVisible();
    await expect(label).toBeHidden();
    await alice.getByRole("button", { name: "Filters" }).click();
    await expect(label).toBeVisible();
    await label.selectOption("docs");
    await expect(alice.getByTestId("ticket-row")).toHaveCount(2);
  });
});
