import { expect, test } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { createProject, openMergeRequest, signedInPage } from "./helpers";
import { commentOnLine, eventually, expectOutdated, expectUnderRow } from "./follow-code";
import { commitFile, makeGitProject } from "./repos";

/**
 * Issue #15, comments follow the code: bob comments from his own instance on two lines of
 * alice's merge request; her next revision moves one line down and edits the other. On both
 * instances, the first comment is on its new line and the second is outdated, with its text.
 */
const SERVICE = "pubsub.a.test";
const SLUG = "follow-code";
const FILE = "src/list.txt";
const lines = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `item ${from + i}`);

test("bob's inline comments follow alice's new revision: one carried down, one outdated", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const repos = makeGitProject();
  commitFile(repos.fork, FILE, lines(1, 10).join("\n") + "\n", "Add a list");
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Follow code", slug: SLUG, cloneUrl: repos.upstream });
  const path = await openMergeRequest(alice, `/p/${SERVICE}/${SLUG}`, {
    source: repos.fork,
    title: "Add a list",
  });

  const bob = await signedInPage(browser, "bob@b.test", { origin: instanceB });
  await bob.goto(`${path}?tab=files`);
  await commentOnLine(bob, FILE, 3, "Keep item three.");
  await commentOnLine(bob, FILE, 7, "Rename item seven.");

  // Revision 2: two lines above item 3 (it moves to line 5), item 7 rewritten.
  const next = ["first", "second", ...lines(1, 10)];
  next[8] = "item seven, renamed";
  commitFile(repos.fork, FILE, next.join("\n") + "\n", "Add a list");
  await alice.goto(path);
  await alice.getByRole("button", { name: "Update from source branch" }).click();
  await expect(
    alice.getByRole("status").filter({ hasText: "Revision 2 published." }),
  ).toBeVisible();

  const seenOn = async (page: typeof alice) => {
    await expectUnderRow(page, /added item 3$/, "Keep item three.");
    await expect(page.getByRole("region", { name: "Changes" }).getByTestId("comment")).toHaveText([
      /Keep item three\./,
    ]);
    await expectOutdated(page, "Rename item seven.", 7, 1);
    await expect(page.getByTestId("outdated-comments")).toContainText("+item 7");
  };
  await alice.goto(`${path}?tab=files`);
  await expect(alice.getByRole("button", { name: `Comment on line 12 of ${FILE}` })).toBeVisible();
  await seenOn(alice);
  // The row under which the carried comment sits is line 5 of revision 2.
  await expect(
    alice
      .getByRole("region", { name: "Changes" })
      .getByRole("row", { name: /added item 3$/ })
      .getByRole("button", { name: `Comment on line 5 of ${FILE}` }),
  ).toHaveCount(1);

  await eventually(bob, async () => {
    await bob.goto(`${path}?tab=files`);
    await expect(bob.getByRole("button", { name: `Comment on line 12 of ${FILE}` })).toBeVisible({
      timeout: 2_000,
    });
  });
  await seenOn(bob);

  // The conversation says which one is outdated, and links it to the revision it was made on.
  for (const page of [alice, bob]) {
    await page.goto(path);
    const entries = page.getByTestId("discussion").locator("li");
    await expect(entries).toHaveText([
      /src\/list\.txt:3 · revision 1(?!.*Outdated).*Keep item three\./s,
      /src\/list\.txt:7 · revision 1\s*Outdated.*Rename item seven\./s,
    ]);
    const lineLink = (entry: number, line: number) =>
      entries.nth(entry).getByRole("link", { name: `src/list.txt:${line}` });
    await expect(lineLink(0, 3)).toHaveAttribute("href", /rev=2.*#inline-/);
    await expect(lineLink(1, 7)).toHaveAttribute("href", /rev=1.*#inline-/);
  }
});
