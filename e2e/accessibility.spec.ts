import { expect, test, type Browser, type Page } from "@playwright/test";
import { createProject, fileTicket, seriousViolations, signedInPage } from "./helpers";
import { commitFile, git, makeGitProject } from "./repos";

/**
 * Issue #16, accessibility: every kind of page Pubforge serves, in the light and the dark colour
 * scheme, has no serious or critical axe-core violation. One small project is seeded once (a
 * repository with a tag and two branches, a ticket, a merge request, a wiki page), and a second
 * one whose ticket names the first one's ticket across projects (a backlink shown on it).
 */

const SERVICE = "pubsub.a.test";
const SLUG = "accessible";
const BASE = `/p/${SERVICE}/${SLUG}`;
const OTHER = `/p/${SERVICE}/accessible-other`;

test.describe.configure({ mode: "serial" });

let ticket = "";
let request = "";
let commit = "";

test("seed: a project with code, a ticket, a merge request and a wiki page", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const repos = makeGitProject();
  git(repos.upstream, "tag", "-a", "v1.0", "-m", "First release");
  git(repos.upstream, "branch", "first", "HEAD~1");
  commit = git(repos.upstream, "rev-parse", "HEAD").trim();
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "Accessible", slug: SLUG, cloneUrl: repos.upstream });

  ticket = await fileTicket(alice, BASE, "Crash on empty input");

  commitFile(repos.fork, "GUARD", "on\n", "Guard empty input", "Bob");
  await alice.goto(`${BASE}/mr/new`);
  await alice.getByLabel("Paste or upload a patch").check();
  await alice.getByRole("textbox", { name: /^Patch/ }).click();
  await alice.keyboard.insertText(git(repos.fork, "format-patch", "--stdout", "-1", "feature"));
  await alice.getByRole("button", { name: "Preview" }).click();
  await expect(alice.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await alice.getByLabel(/Description/).fill("Guards the parser, see #1.");
  await alice.getByRole("button", { name: "Open merge request" }).click();
  await expect(alice.getByTestId("mr-title")).toHaveText("Guard empty input");
  request = new URL(alice.url()).pathname;

  await alice.goto(`${BASE}/wiki`);
  await alice.getByRole("link", { name: "Create the home page" }).click();
  await alice.getByLabel(/^Page text/).fill("Welcome. See [[Install]] and #1.");
  await alice.getByLabel("Edit summary").fill("First version");
  await alice.getByRole("button", { name: "Save page" }).click();
  await expect(alice.getByTestId("wiki-title")).toHaveText("Home");

  // Another project's ticket names this one's ticket: the backlink says where it comes from.
  await createProject(alice, { name: "Accessible other", slug: "accessible-other" });
  await fileTicket(alice, OTHER, "Depends on the parser", {
    description: `Blocked by ${SERVICE}/${SLUG}#1.`,
  });
  await expect(alice.getByRole("link", { name: `${SERVICE}/${SLUG}#1` })).toHaveAttribute(
    "href",
    ticket,
  );
  await alice.goto(ticket);
  await expect(alice.getByTestId("backlinks")).toContainText(
    `${SERVICE}/accessible-other#1 Depends on the parser`,
  );
  await alice.context().close();
});

/** Every kind of page, as alice (a maintainer) sees it. */
function signedInPages(): string[] {
  return [
    "/",
    "/projects/new",
    "/settings/tokens",
    "/settings/notifications",
    "/dashboard",
    "/inbox",
    "/search?q=crash",
    "/u/alice@a.test",
    BASE,
    `${BASE}/tickets`,
    `${BASE}/tickets?status=all&label=bug&sort=created`,
    ticket,
    `${BASE}/tickets/new`,
    `${BASE}/mr`,
    request,
    `${request}?tab=commits`,
    `${request}?tab=files`,
    `${BASE}/mr/new`,
    `${BASE}/wiki`,
    `${BASE}/wiki/home/edit`,
    `${BASE}/wiki/home/history`,
    `${BASE}/wiki/install`,
    `${BASE}/code`,
    `${BASE}/code/tree/main/src`,
    `${BASE}/code/blob/main/src/app.txt`,
    `${BASE}/code/commits/main`,
    `${BASE}/code/commit/${commit}`,
    `${BASE}/code/blame/main/src/app.txt`,
    `${BASE}/code/branches`,
    `${BASE}/code/tags`,
    `${BASE}/code/compare`,
    `${BASE}/code/compare/first...main`,
    `${BASE}/settings`,
    `${BASE}/moderation`,
    `${BASE}/search?q=crash`,
    `${OTHER}/tickets/1`,
    `${BASE}/tickets/999`,
    "/no-such-page",
  ];
}

/**
 * The axe-core findings on each page, all collected so that one run names every page at fault;
 * only `rules`, when given.
 */
async function findings(
  page: Page,
  urls: readonly string[],
  rules?: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const url of urls) {
    await page.goto(url);
    const violations = (await seriousViolations(page, undefined, rules)).map(
      (violation) => `${url}: ${violation}`,
    );
    // Printed as found, so that a run cut short still names the pages at fault.
    for (const violation of violations) console.log(`axe: ${violation}`);
    found.push(...violations);
  }
  return found;
}

async function schemePage(browser: Browser, scheme: "light" | "dark", jid?: string) {
  const page = jid
    ? await signedInPage(browser, jid)
    : await (await browser.newContext()).newPage();
  await page.emulateMedia({ colorScheme: scheme });
  return page;
}

/**
 * Every rule in the light scheme; in the dark one only contrast, the one thing the scheme
 * changes (axe takes 3-15 s a page on a busy 2-core machine: all rules twice doubled the spec).
 */
const RULES_PER_SCHEME = { light: undefined, dark: ["color-contrast"] } as const;

for (const scheme of ["light", "dark"] as const) {
  test(`every page passes axe-core (${scheme})`, async ({ browser }) => {
    test.setTimeout(1_200_000);
    const rules = RULES_PER_SCHEME[scheme];
    const visitor = await schemePage(browser, scheme);
    const signedOut = await findings(visitor, ["/", "/signin", BASE, ticket], rules);
    await visitor.context().close();
    const alice = await schemePage(browser, scheme, "alice@a.test");
    const signedIn = await findings(alice, signedInPages(), rules);
    await alice.context().close();
    expect([...signedOut, ...signedIn]).toEqual([]);
  });
}
