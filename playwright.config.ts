import { defineConfig } from "@playwright/test";

const port = Number(process.env.PUBFORGE_TEST_PORT ?? 3100);
const portB = Number(process.env.PUBFORGE_TEST_PORT_B ?? port + 1);

/** The second instance, attached to b.test: where bob@b.test works in the federation tests. */
export const instanceB = `http://127.0.0.1:${portB}`;
/** Instance B's notification batch window in the tests: a burst of edits must fit in it. */
export const NOTIFY_BATCH_MS = process.env.PUBFORGE_NOTIFY_BATCH_MS ?? "8000";

/**
 * End-to-end tests drive Debian's Chromium against two instances of one build (server.mjs):
 * forge@a.test's (baseURL, localhost) and forge@b.test's (instanceB, 127.0.0.1, so the two
 * never share cookies). `scripts/test.sh` starts the test pair of Prosody servers and migrates
 * both instances' databases first.
 */
export default defineConfig({
  testDir: "e2e",
  // Needs several app processes behind haproxy: playwright.processes.config.ts.
  testIgnore: "**/processes.spec.ts",
  outputDir: `test-results${process.env.PUBFORGE_TEST_SLOT ?? ""}`,
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  retries: 0,
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.PUBFORGE_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      ],
    },
  },
  webServer: [
    {
      command: `node server.mjs -p ${port} -H 127.0.0.1`,
      url: `http://127.0.0.1:${port}/signin`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node server.mjs -p ${portB} -H 127.0.0.1`,
      url: `${instanceB}/signin`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PUBFORGE_INSTANCE_JID: "forge@b.test",
        DATABASE_URL: process.env.PUBFORGE_DATABASE_URL_B ?? "file:./.run/test-b.db",
        PUBFORGE_MIRROR_DIR: `${process.env.PUBFORGE_MIRROR_DIR ?? ".run/mirrors-test"}-b`,
        // Links in notification messages (e2e/notifications.spec.ts), and their batch window.
        PUBFORGE_PUBLIC_ORIGIN: instanceB,
        PUBFORGE_NOTIFY_BATCH_MS: NOTIFY_BATCH_MS,
      },
    },
  ],
});
