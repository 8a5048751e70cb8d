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
