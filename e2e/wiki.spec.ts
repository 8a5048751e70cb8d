import { expect, test, type Page } from "@playwright/test";
import { createProject, fileTicket, signedInPage } from "./helpers";

const SERVICE = "pubsub.a.test";
const SLUG = "wiki-demo";
const BASE = `/p/${SERVICE}/${SLUG}`;
const WIKI = `${BASE}/wiki`;
const INSTALL = `${WIKI}/install`;
const BACK_LINK = "[Back to the home page](home)";

function pageText(page: Page) {
  return page.getByLabel(/^Page text/);
}

async function save(page: Page, text: string, summary: string): Promise<void> {
  await pageText(page).fill(text);
  await page.getByLabel("Edit summary").fill(summary);
  await page.getByRole("button", { name: "Save page" }).click();
}

test.describe.serial("wiki", () => {
  test("alice creates Home and Install, linked to each other", async ({ browser }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Wiki demo", slug: SLUG });

    // The wiki offers to write its home page; the preview shows [[Install]] as a page to write.
    await alice.getByRole("link", { name: "Wiki", exact: true }).click();
    await alice.getByRole("link", { name: "Create the home page" }).click();
    await expect(alice.getByLabel("Title")).toHaveValue("Home");
    await pageText(alice).fill("Welcome to the demo.\n\nStart with [[Install]].");
    const previewLink = alice.getByTestId("wiki-preview").getByRole("link", { name: "Install" });
    await expect(previewLink).toHaveClass(/wiki-missing/);
    await alice.getByLabel("Edit summary").fill("First version");
    await alice.getByRole("button", { name: "Save page" }).click();
    await expect(alice).toHaveURL(new RegExp(`${WIKI}$`));
    await expect(alice.getByTestId("wiki-title")).toHaveText("Home");

    // Following the red link creates the page it names.
    await alice.getByTestId("wiki-body").getByRole("link", { name: "Install" }).click();
    await expect(alice.getByTestId("wiki-missing")).toBeVisible();
    await alice.getByRole("link", { name: "Create this page" }).click();
    await expect(alice.getByLabel("Title")).toHaveValue("Install");
    await save(alice, `Run \`make\`.\n\n${BACK_LINK}`, "How to install");
    await expect(alice).toHaveURL(new RegExp(`${INSTALL}$`));
    await alice
      .getByTestId("wiki-body")
      .getByRole("link", { name: "Back to the home page" })
      .click();
    await expect(alice.getByTestId("wiki-title")).toHaveText("Home");
    const installLink = alice.getByTestId("wiki-body").getByRole("link", { name: "Install" });
    await expect(installLink).toHaveClass(/wiki-link/);
    await expect(installLink).not.toHaveClass(/wiki-missing/);
    await expect(alice.getByTestId("wiki-index")).toContainText("Install");
  });

  test("bob edits Install; alice, reading it, sees the update live; history has the diff", async ({
    browser,
  }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await alice.goto(INSTALL);
    await expect(alice.getByTestId("wiki-title")).toHaveText("Install");
    await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
    const bob = await signedInPage(browser, "bob@b.test");
    await bob.goto(INSTALL);
    await bob.getByRole("link", { name: "Edit", exact: true }).click();
    await save(bob, `Run \`make install\` as root.\n\n${BACK_LINK}`, "Mention the install target");
    await expect(bob).toHaveURL(new RegExp(`${INSTALL}$`));
    await expect(alice.getByTestId("wiki-body")).toContainText("make install", { timeout: 3_000 });
    await expect(alice.getByTestId("wiki-updated")).toContainText("revision 2 by bob@b.test");

    // The history has both revisions, and their diff.
    await alice.getByRole("link", { name: "History" }).click();
    const rows = alice.getByTestId("wiki-revision");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("bob@b.test");
    await expect(rows.nth(0)).toContainText("Mention the install target");
    await expect(rows.nth(1)).toContainText("alice@a.test");
    await expect(rows.nth(1)).toContainText("How to install");
    await alice.getByRole("button", { name: "Compare selected revisions" }).click();
    await expect(alice.getByTestId("diff-del")).toHaveText(/Run `make`\./);
    await expect(alice.getByTestId("diff-add")).toHaveText(/Run `make install` as root\./);
  });

  test("simultaneous edits: bob saves first; alice gets the conflict view and loses nothing", async ({
    browser,
  }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    const bob = await signedInPage(browser, "bob@b.test");
    // Both open the editor on revision 2; bob saves first.
    await alice.goto(`${INSTALL}/edit`);
    await bob.goto(`${INSTALL}/edit`);
    await expect(alice.getByTestId("live-state")).toHaveAttribute("data-state", "live");
    const aliceText = `Run \`make install\`.\n\nNeeds GNU make 4 (alice).\n\n${BACK_LINK}`;
    await pageText(alice).fill(aliceText);
    await alice.getByLabel("Edit summary").fill("GNU make");
    await save(bob, `Run \`sudo make install\`.\n\n${BACK_LINK}`, "sudo");
    await expect(bob).toHaveURL(new RegExp(`${INSTALL}$`));

    // Alice's editor hears of it live, and keeps her text.
    await expect(alice.getByTestId("wiki-changed-meanwhile")).toContainText(
      "bob@b.test saved revision 3",
    );
    await expect(pageText(alice)).toHaveValue(aliceText);

    // Her save shows the conflict instead of overwriting bob's version.
    await alice.getByRole("button", { name: "Save page" }).click();
    const conflict = alice.getByTestId("wiki-conflict");
    await expect(conflict).toContainText("bob@b.test saved revision 3 while you were editing");
    await expect(alice.getByTestId("wiki-conflict-theirs")).toContainText("sudo make install");
    await expect(conflict.getByTestId("diff-add").first()).toContainText("Run `make install`.");
    await expect(conflict.getByTestId("diff-del").first()).toContainText("sudo make install");
    await expect(pageText(alice)).toHaveValue(aliceText);
    await expect(alice.getByLabel("Edit summary")).toHaveValue("GNU make");
    await bob.reload();
    await expect(bob.getByTestId("wiki-body")).toContainText("sudo make install");

    // Having seen both, she saves hers on top: revision 4, and bob's stays in the history.
    await alice.getByRole("button", { name: "Save over their version" }).click();
    await expect(alice).toHaveURL(new RegExp(`${INSTALL}$`));
    await expect(alice.getByTestId("wiki-body")).toContainText("Needs GNU make 4 (alice).");
    await alice.getByRole("link", { name: "History" }).click();
    await expect(alice.getByTestId("wiki-revision")).toHaveCount(4);
    await expect(alice.getByTestId("wiki-revision").nth(1)).toContainText("sudo");
  });

  test("search finds pages and tickets; restore, rename and delete keep the history", async ({
    browser,
  }) => {
    const alice = await signedInPage(browser, "alice@a.test");
    await fileTicket(alice, BASE, "Installing fails on BSD", {
      description: "GNU make is missing.",
    });

    await alice.goto(WIKI);
    await alice.getByLabel("Search the wiki and tickets").fill("gnu make");
    await alice.getByLabel("Search the wiki and tickets").press("Enter");
    await expect(alice).toHaveURL(/\/search\?q=gnu\+make$/);
    await expect(alice.getByTestId("search-wiki-result")).toHaveCount(1);
    await expect(alice.getByTestId("search-wiki-result")).toContainText("Install");
    await expect(alice.getByTestId("search-ticket-result")).toHaveText(/Installing fails on BSD/);

    // Restoring revision 1 makes a new revision with its text.
    await alice.goto(`${INSTALL}/revisions/1`);
    await alice.getByRole("button", { name: "Restore revision 1" }).click();
    await expect(alice).toHaveURL(new RegExp(`${INSTALL}$`));
    await expect(alice.getByTestId("wiki-body")).toContainText("Run make.");
    await expect(alice.getByTestId("wiki-meta")).toContainText("Revision 5");
    await expect(alice.getByTestId("wiki-meta")).toContainText("Restored revision 1");

    // Renaming moves the page and its history; the old name says where it went.
    await alice.getByText("Rename or delete").click();
    await alice.getByLabel("New title").fill("Installation");
    await alice.getByRole("button", { name: "Rename page" }).click();
    await expect(alice).toHaveURL(new RegExp(`${WIKI}/installation$`));
    await expect(alice.getByTestId("wiki-title")).toHaveText("Installation");
    await alice.getByRole("link", { name: "History" }).click();
    await expect(alice.getByTestId("wiki-revision")).toHaveCount(6);
    await alice.goto(INSTALL);
    await expect(alice.getByTestId("wiki-missing")).toContainText("it is now installation");
    await alice.goto(WIKI);
    await expect(alice.getByTestId("wiki-body").getByRole("link", { name: "Install" })).toHaveClass(
      /wiki-missing/,
    );

    // Deleting takes it off the index; the history records who did it and why.
    await alice.goto(`${WIKI}/installation`);
    await alice.getByText("Rename or delete").click();
    await alice.getByLabel("Why delete it?").fill("Merged into Home");
    await alice.getByRole("button", { name: "Delete page" }).click();
    await expect(alice).toHaveURL(new RegExp(`${WIKI}$`));
    await expect(alice.getByTestId("wiki-index")).not.toContainText("Installation");
    await alice.goto(`${WIKI}/installation/history`);
    await expect(alice.getByTestId("wiki-revision").first()).toContainText("Merged into Home");
    await expect(alice.getByTestId("wiki-revision")).toHaveCount(7);
  });
});
