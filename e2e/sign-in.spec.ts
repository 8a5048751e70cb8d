import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, formAlert, signIn } from "./helpers";

test("alice signs in, sees her JID, and signs out", async ({ page }) => {
  await signIn(page, "alice@a.test");
  await expect(page.getByTestId("viewer-jid")).toHaveText("alice@a.test");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("alice@a.test");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(page.getByTestId("viewer-jid")).toHaveCount(0);
});

test("a wrong password shows a clear error and keeps the address", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("XMPP address").fill("alice@a.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toContainText("rejected this address and password");
  await expect(page.getByLabel("XMPP address")).toHaveValue("alice@a.test");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByTestId("viewer-jid")).toHaveCount(0);
});

test("an unknown domain says so", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("XMPP address").fill("eve@nowhere.invalid");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toContainText("No XMPP server could be found");
});

test("bob of another server signs in through the same app", async ({ page }) => {
  await signIn(page, "bob@b.test");
  await expect(page.getByTestId("viewer-jid")).toHaveText("bob@b.test");
});

test("after signing in, `next` only leads to pages of this site", async ({ page, baseURL }) => {
  for (const next of ["/%5Cevil.example", "//evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?next=${encodeURIComponent(next)}`);
    await page.getByLabel("XMPP address").fill("alice@a.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("viewer-jid")).toHaveText("alice@a.test");
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  }
  await page.context().clearCookies();
  await page.goto(`/signin?next=${encodeURIComponent("/projects/new")}`);
  await page.getByLabel("XMPP address").fill("alice@a.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects\/new$/);
});

test("guessing passwords stops after five failures for that account, with a wait to say so", async ({
  page,
}) => {
  await page.goto("/signin");
  await page.getByLabel("XMPP address").fill("nobody@a.test");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Password").fill(`guess-${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toContainText("rejected this address and password");
    // React resets the form once the action has answered: type the next guess after that.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await page.getByLabel("Password").fill("guess-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toContainText(
    /Too many failed sign-ins\. Try again in \d+ seconds/,
  );
  // Posted without JavaScript (as by a script), the same refusal is an HTTP answer, given
  // before the action runs, from the counts the action keeps (proxy.ts).
  const posted = await page.request.post("/signin", {
    multipart: { jid: "nobody@a.test", password: "guess-7" },
  });
  expect(posted.status()).toBe(429);
  expect(Number(posted.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await posted.text()).toContain("Too many failed sign-ins");
  // Other accounts are not locked out by it.
  await signIn(page, "bob@b.test");
});

test("signing in again closes the XMPP session the browser held before", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "alice@a.test");
  const aliceCookies = await context.cookies();
  await signIn(page, "bob@b.test");

  // The old cookie, replayed: its session is gone, not merely forgotten by this browser.
  const replay = await browser.newContext();
  await replay.addCookies(aliceCookies);
  const old = await replay.newPage();
  await old.goto("/");
  await expect(old.getByTestId("viewer-jid")).toHaveCount(0);
  await expect(page.getByTestId("viewer-jid")).toHaveText("bob@b.test");
});
