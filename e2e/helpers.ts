import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.PUBFORGE_DEMO_PASSWORD ?? "demo";

export async function signIn(page: Page, jid: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("XMPP address").fill(jid);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("viewer-jid")).toHaveText(jid);
}

/** A page of its own (own cookies), signed in as `jid`. */
export async function signedInPage(
  browser: Browser,
  jid: string,
  { password, origin }: { password?: string; origin?: string } = {},
): Promise<Page> {
  const page = await (await browser.newContext(origin ? { baseURL: origin } : {})).newPage();
  await signIn(page, jid, password);
  return page;
}

/** The error a form shows (Next.js has its own, empty, role=alert route announcer). */
export function formAlert(page: Page): Locator {
  return page.locator('form [role="alert"]');
}

export interface NewProject {
  name: string;
  slug: string;
  service?: string;
  cloneUrl?: string;
  scm?: "git" | "hg";
  access?: "open" | "whitelist";
  /** Host the repository on this Pubforge instead of copying a clone URL. */
  hosted?: boolean;
}

/** Creates a project through the form, as its owner would, and lands on its overview. */
export async function createProject(page: Page, project: NewProject): Promise<void> {
  const service = project.service ?? "pubsub.a.test";
  await page.goto("/projects/new");
  await page.getByLabel("Name", { exact: true }).fill(project.name);
  await page.getByLabel("Short name (slug)").fill(project.slug);
  await page.getByLabel("Pubsub service").fill(service);
  if (project.cloneUrl) {
    await page.getByLabel("Clone URL (when it lives elsewhere)").fill(project.cloneUrl);
  }
  if (project.hosted) await page.getByLabel("Host it on this Pubforge").check();
  if (project.scm) await page.getByLabel("Version control").selectOption(project.scm);
  if (project.access) await page.getByLabel("Who can see it").selectOption(project.access);
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${service}/${project.slug}$`));
}

/** Optional fields of the new-ticket form, by their label. */
export interface NewTicketFields {
  description?: string;
  labels?: string;
  assignees?: string;
}

/**
 * Files a ticket on the project at `base` (its path) through the form and waits for its page;
 * returns that page's path.
 */
export async function fileTicket(
  page: Page,
  base: string,
  title: string,
  { description, labels, assignees }: NewTicketFields = {},
): Promise<string> {
  await page.goto(`${base}/tickets/new`);
  await page.getByLabel("Title").fill(title);
  if (description !== undefined) await page.getByLabel(/Description/).fill(description);
  if (labels !== undefined) await page.getByLabel("Labels").fill(labels);
  if (assignees !== undefined) await page.getByLabel("Assignees").fill(assignees);
  await page.getByRole("button", { name: "File ticket" }).click();
  await expect(page.getByTestId("ticket-title")).toHaveText(title);
  return new URL(page.url()).pathname;
}

/**
 * On a project (`base`, its path): opens a merge request from `branch` of the repository at
 * `source` through the form, checking the preview names `title` when given; returns the new
 * merge request's path.
 */
export async function openMergeRequest(
  page: Page,
  base: string,
  { source, branch = "feature", title }: { source: string; branch?: string; title?: string },
): Promise<string> {
  await page.goto(`${base}/mr/new`);
  await page.getByLabel("Source repository").fill(source);
  await page.getByLabel("Source branch").fill(branch);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-commits").locator("li")).not.toHaveCount(0, {
    timeout: 30_000,
  });
  if (title) await expect(page.getByLabel("Title")).toHaveValue(title);
  await page.getByRole("button", { name: "Open merge request" }).click();
  const heading = page.getByTestId("mr-title");
  await (title
    ? expect(heading).toHaveText(title, { timeout: 20_000 })
    : expect(heading).toBeVisible({ timeout: 20_000 }));
  return new URL(page.url()).pathname;
}

/**
 * What axe-core finds serious or critical on the page (or in the part `within` selects), by
 * all its rules or only `rules`.
 */
export async function seriousViolations(
  page: Page,
  within?: string,
  rules?: readonly string[],
): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  if (within) axe.include(within);
  if (rules) axe.withRules([...rules]);
  const { violations } = await axe.analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
