import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { instanceB } from "../playwright.config";
import { seriousViolations, signIn } from "./helpers";
import { git, repositoryScratchDir } from "./repos";

/**
 * The demo `npm run up` serves, seeded by the same script into the test servers: what a
 * newcomer meets first (issue #10), and the pages every team lives in, checked with axe-core.
 */

const DEMO = "/p/pubsub.a.test/demo";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright, baseURL }) => {
  test.setTimeout(240_000);
  // The seed runs beside both instances, which have just started: wait until each is online.
  const api = await playwright.request.newContext();
  for (const origin of [baseURL, instanceB]) {
    await expect
      .poll(async () => (await api.get(`${origin}/health`)).status(), { timeout: 30_000 })
      .toBe(200);
  }
  await api.dispose();
  // As `npm run up` does, the seed runs with a cache of its own: the instances learn of the demo
  // from pubsub, like any project created elsewhere.
  const dir = repositoryScratchDir("pubforge-demo-");
  const env = {
    ...process.env,
    PUBFORGE_DEMO_REPOS: path.join(dir, "repos"),
    PUBFORGE_MIRROR_DIR: path.join(dir, "mirrors"),
    DATABASE_URL: `file:${path.join(dir, "seed.db")}`,
  };
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "ignore", timeout: 60_000 });
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { env, stdio: "inherit", timeout: 120_000 });
});

test("the demo has a wiki home, a logo, a favicon and an address anyone can clone", async ({
  page,
}) => {
  await page.goto(DEMO);
  await expect(page.getByRole("link", { name: "Pubforge" }).locator("svg")).toBeVisible();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  const favicon = await page.request.get(icon!);
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/svg+xml");

  const address = await page.getByLabel("Clone").inputValue();
  expect(address).toMatch(/^http:\/\/localhost:\d+\/p\/pubsub\.a\.test\/demo\.git$/);
  const clone = path.join(mkdtempSync(path.join(tmpdir(), "pubforge-clone-")), "demo");
  execFileSync("git", ["clone", "-q", address, clone]);
  expect(git(clone, "log", "--format=%s", "-1")).toBe("Count words\n");

  await page.getByRole("link", { name: "Wiki" }).click();
  await expect(page.getByRole("heading", { name: "Home", level: 2 })).toBeVisible();
  await page.getByRole("link", { name: "Getting started" }).first().click();
  await expect(page.getByText("python3 src/demo.py README.md")).toBeVisible();
});

/** axe-core's serious and critical findings on the page as it is now, as readable lines. */
for (const scheme of ["light", "dark"] as const) {
  test(`ticket list, ticket, merge request and wiki pass axe-core (${scheme})`, async ({
    browser,
  }) => {
    test.setTimeout(240_000); // axe-core takes 3-12 s a page on a busy 2-core machine
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await signIn(page, "alice@a.test");
    const pages = [`${DEMO}/tickets`, `${DEMO}/mr`, `${DEMO}/wiki`];
    await page.goto(`${DEMO}/tickets`);
    pages.push(await hrefOf(page, "Crash when the input file is empty"));
    await page.goto(`${DEMO}/mr`);
    pages.push(await hrefOf(page, "Test the empty file"));
    for (const url of pages) {
      await page.goto(url);
      expect(await seriousViolations(page), url).toEqual([]);
    }
    await context.close();
  });
}

async function hrefOf(page: Page, linkText: string): Promise<string> {
  const href = await page.getByRole("link", { name: linkText }).first().getAttribute("href");
  expect(href, linkText).toBeTruthy();
  return href!;
}
