import { expect, type Locator, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.PUBFORGE_DEMO_PASSWORD ?? "demo";

export async function signIn(page: Page, jid: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("XMPP address").fill(jid);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("viewer-jid")).toHaveText(jid);
}

/** The error a form shows (Next.js has its own, empty, role=alert route announcer). */
export function formAlert(page: Page): Locator {
  return page.locator('form [role="alert"]');
}
