import { expect, test, type Page } from "@playwright/test";
import { STREAM_CAPS, STREAM_RETRY_AFTER_SECONDS } from "@/lib/events/stream-limits";
import { formAlert, signedInPage } from "./helpers";

/** The browser session's cookie, to open live streams as its tabs would. */
async function cookieOf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
}

/** Opens `/events` as an EventSource would, without reading it: the answer's head only. */
async function openStream(origin: string, cookie: string, streams: AbortController[]) {
  const controller = new AbortController();
  streams.push(controller);
  return fetch(`${origin}/events`, {
    headers: { cookie, accept: "text/event-stream" },
    signal: controller.signal,
  });
}

test("live streams are capped per browser session: past the cap, 429 and Retry-After", async ({
  browser,
  baseURL,
}) => {
  const alice = await signedInPage(browser, "alice@a.test");
  const carol = await signedInPage(browser, "carol@a.test");
  const streams: AbortController[] = [];
  try {
    const cookie = await cookieOf(alice);
    // Her tab holds one stream already (the header's).
    let admitted = 0;
    let refused: Response | undefined;
    while (!refused && admitted <= STREAM_CAPS.perSession) {
      const response = await openStream(baseURL!, cookie, streams);
      if (response.status === 429) refused = response;
      else {
        expect(response.status).toBe(200);
        admitted++;
      }
    }
    expect(admitted).toBeGreaterThanOrEqual(STREAM_CAPS.perSession - 1);
    expect(admitted).toBeLessThanOrEqual(STREAM_CAPS.perSession);
    expect(refused?.headers.get("retry-after")).toBe(String(STREAM_RETRY_AFTER_SECONDS));

    // Another person's session is not held back by hers.
    expect((await openStream(baseURL!, await cookieOf(carol), streams)).status).toBe(200);
    // A stream that ends frees its place.
    streams[0]!.abort();
    await expect.poll(async () => (await openStream(baseURL!, cookie, streams)).status).toBe(200);
  } finally {
    streams.forEach((stream) => stream.abort());
    await Promise.all([alice.context().close(), carol.context().close()]);
  }
});

test("a live stream ends when its XMPP session does (signing out)", async ({
  browser,
  baseURL,
}) => {
  const alice = await signedInPage(browser, "alice@a.test");
  const controller = new AbortController();
  try {
    const response = await fetch(`${baseURL}/events`, {
      headers: { cookie: await cookieOf(alice), accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const ended = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
      }
    })();
    await alice.getByRole("button", { name: "Sign out" }).click();
    await expect(alice.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    // The server closes it; the last event says why.
    expect(await ended).toContain('"state":"disconnected"');
  } finally {
    controller.abort();
    await alice.context().close();
  }
});

test("an anonymous visitor cannot make the instance open a project on another server", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByLabel("Open a project by address").fill("pubsub.b.test/never-opened");
  await page.getByLabel("Open a project by address").press("Enter");
  await expect(formAlert(page)).toContainText("Sign in to open a project from another server");
  expect((await page.goto("/p/pubsub.b.test/never-opened"))?.status()).toBe(404);
});
