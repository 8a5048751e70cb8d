import { expect, test } from "@playwright/test";

test("pages carry a nonce-based CSP that Next.js's own scripts satisfy, and refuse framing", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto("/signin");
  const policy = response?.headers()["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce).toBeTruthy();
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-content-type-options"]).toBe("nosniff");
  // Plain http on loopback: no HSTS (it would pin the tests' origin to https).
  expect(response?.headers()["strict-transport-security"]).toBeUndefined();

  // Next.js's scripts ran under the policy (they set window.next when they start).
  await expect
    .poll(() =>
      page.evaluate(() => typeof (window as { next?: { version?: string } }).next?.version),
    )
    .toBe("string");
  expect(violations).toEqual([]);

  // Markup that slipped past the sanitiser with an inline handler does not run.
  const ran = await page.evaluate(async () => {
    const holder = document.createElement("div");
    holder.innerHTML = `<img src="/no-such-image.png" onerror="window.__injected = true">`;
    document.body.append(holder);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBe(1);
});
