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
