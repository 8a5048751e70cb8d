import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * e2e/processes.spec.ts, against haproxy on the test port in front of three app processes that
 * `scripts/test.sh` starts (scripts/processes.sh) and stops, by PID: no webServer of its own.
 */
export default defineConfig({
  ...base,
  testIgnore: [],
  testMatch: "**/processes.spec.ts",
  webServer: undefined,
});
