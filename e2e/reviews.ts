import { expect, type Page } from "@playwright/test";

/** Helpers for issue #15's reviewers and verdicts, for this spec and the combined flow. */

/** On a merge request's page: asks `jid` to review, as its author or a maintainer. */
export async function requestReview(page: Page, jid: string): Promise<void> {
  const panel = page.getByTestId("review-panel");
  await panel.getByLabel("Request review from").fill(jid);
  await panel.getByRole("button", { name: "Request review" }).click();
  await expect(
    panel.getByRole("status").filter({ hasText: `Review requested from ${jid}.` }),
  ).toBeVisible();
  await expect(panel.locator(`[data-testid=reviewer][data-jid="${jid}"]`)).toBeVisible();
}

export type VerdictChoice = "Approve" | "Request changes" | "Comment";

/**
 * On a merge request's page: gives a verdict on `revision`, reloading until the page shows that
 * revision (an instance of another server learns of a new revision by notification).
 */
export async function giveVerdict(
  page: Page,
  choice: VerdictChoice,
  revision: number,
  text = "",
): Promise<void> {
  const form = page.getByTestId("verdict-form");
  await expect(async () => {
    await page.reload();
    await expect(form.getByText(`Your verdict on revision ${revision}`)).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 20_000 });
  await form.getByLabel(choice).check();
  if (text) await form.getByLabel(/Review summary/).fill(text);
  await form.getByRole("button", { name: "Submit review" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Review published." })).toBeVisible();
}

/** A reviewer's latest verdict in the reviewers panel, once the page shows what is expected. */
export function reviewerVerdict(page: Page, jid: string) {
  return page
    .getByTestId("review-panel")
    .locator(`[data-testid=reviewer][data-jid="${jid}"]`)
    .getByTestId("verdict-badge");
}

/** On the project's settings page, as a maintainer: how many approvals a merge needs. */
export async function setRequiredApprovals(page: Page, base: string, count: number): Promise<void> {
  await page.goto(`${base}/settings`);
  const section = page.getByRole("region", { name: "Reviews" });
  await section.getByLabel("Required approvals from maintainers").fill(String(count));
  await section.getByRole("button", { name: "Save" }).click();
  await expect(
    section.getByRole("status").filter({ hasText: "Required approvals saved." }),
  ).toBeVisible();
}

/** On the project's page, as its owner: makes `jid` a maintainer. */
export async function addMaintainer(page: Page, base: string, jid: string): Promise<void> {
  await page.goto(base);
  await page.getByText("Maintainers").click();
  await page.getByLabel("Address (JID)").fill(jid);
  await page.getByLabel("Role").selectOption("publisher");
  await page.getByRole("button", { name: "Set role" }).click();
  await expect(page.getByRole("status").filter({ hasText: "updated" })).toContainText(
    `${jid} updated.`,
  );
}
