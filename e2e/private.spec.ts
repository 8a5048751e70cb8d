import { expect, test } from "@playwright/test";
import { createProject, signIn } from "./helpers";

const SERVICE = "pubsub.a.test";
const BASE = `/p/${SERVICE}/secret`;

test("a members-only project is shown to its members and to nobody else", async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, "alice@a.test");
  await createProject(alice, { name: "Secret", slug: "secret", access: "whitelist" });
  await expect(alice.getByRole("heading", { level: 1 })).toHaveText("Secret");
  await expect(alice.getByText("members only")).toBeVisible();

  const bob = await (await browser.newContext()).newPage();
  await signIn(bob, "bob@b.test");
  await bob.goto(BASE);
  await expect(bob.getByTestId("no-access")).toBeVisible();
  await bob.goto(`${BASE}/tickets`);
  await expect(bob.getByTestId("no-access")).toBeVisible();
  await bob.goto("/");
  await expect(bob.getByText("Secret")).toHaveCount(0);
  const events = await bob.request.get(
    `/events?project=${encodeURIComponent(`${SERVICE}/secret`)}`,
  );
  expect(events.status()).toBe(404);

  const anonymous = await (await browser.newContext()).newPage();
  await anonymous.goto(BASE);
  await expect(anonymous.getByTestId("no-access")).toBeVisible();
});
