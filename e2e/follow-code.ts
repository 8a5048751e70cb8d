import { expect, type Page } from "@playwright/test";

/**
 * Helpers for inline comments that follow the code (#15): writing one on a line of the files
 * tab, and finding it again on a later revision, carried or outdated.
 */

/** Writes an inline comment on a new-side line of the files tab the page shows. */
export async function commentOnLine(page: Page, file: string, line: number, text: string) {
  await page.getByRole("button", { name: `Comment on line ${line} of ${file}` }).click();
  await page.getByLabel(`Comment on line ${line}`, { exact: true }).fill(text);
  await page.getByRole("button", { name: "Comment", exact: true }).first().click();
  await expect(
    page.getByRole("region", { name: "Changes" }).getByTestId("comment").filter({ hasText: text }),
  ).toBeVisible();
}

/** The comment `text` is shown right under the diff row whose accessible name matches `row`. */
export async function expectUnderRow(page: Page, row: RegExp, text: string) {
  await expect(
    page
      .getByRole("region", { name: "Changes" })
      .getByRole("row", { name: row })
      .locator("xpath=following-sibling::tr[1]"),
  ).toContainText(text);
}

/** The comment `text` is among the outdated ones, saying which line of which revision it was on. */
export async function expectOutdated(page: Page, text: string, line: number, revision: number) {
  const outdated = page.getByTestId("outdated-comments");
  await outdated.getByText(/^Outdated comments/).click();
  const entry = outdated.locator("li").filter({ hasText: text });
  await expect(entry).toBeVisible();
  await expect(entry.getByRole("link", { name: /^line \d+ of revision/ })).toHaveText(
    `line ${line} of revision ${revision}`,
  );
}

/** Reloads until `check` passes: another instance's cache follows the project by notifications. */
export async function eventually(page: Page, check: () => Promise<void>, timeout = 30_000) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout });
}
