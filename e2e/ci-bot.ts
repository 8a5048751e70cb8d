import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./helpers";

/** The example CI bot (scripts/ci-bot.ts), run as its own process the way an operator would. */
export interface RunningBot {
  readonly pid: number;
  /** What it printed so far, for a failing test's message. */
  output(): string;
  /** Stops it by its PID and waits for it to exit. */
  stop(): Promise<void>;
}

export async function startCiBot(options: {
  jid: string;
  service: string;
  project: string;
  command: string;
  name?: string;
}): Promise<RunningBot> {
  const root = process.cwd();
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/tsx"),
    [
      "scripts/ci-bot.ts",
      ...["--jid", options.jid, "--service", options.service, "--project", options.project],
      ...["--command", options.command, "--name", options.name ?? "ci"],
    ],
    { cwd: root, env: { ...process.env, CI_BOT_PASSWORD: DEMO_PASSWORD }, stdio: "pipe" },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const bot: RunningBot = {
    pid: child.pid!,
    output: () => output,
    async stop() {
      if (child.exitCode === null) process.kill(child.pid!, "SIGTERM");
      await exited;
    },
  };
  await expect
    .poll(() => output.includes("watching") || child.exitCode !== null, {
      timeout: 60_000,
      message: "the CI bot signs in and watches the project",
    })
    .toBe(true);
  if (!output.includes("watching")) {
    await bot.stop();
    throw new Error(`the CI bot did not start:\n${output}`);
  }
  return bot;
}

/** An owner lets `jid` publish checks, and requires `required` (settings page). */
export async function allowCiBot(
  page: Page,
  base: string,
  jid: string,
  required?: string,
): Promise<void> {
  await page.goto(`${base}/settings`);
  await page.getByLabel("Bot address").fill(jid);
  await page.getByRole("button", { name: "Allow bot" }).click();
  await expect(page.getByTestId("ci-bots")).toContainText(jid);
  if (required === undefined) return;
  await page.getByLabel("Required checks").fill(required);
  await page.getByRole("button", { name: "Save required checks" }).click();
  await expect(page.getByText("Required checks saved.")).toBeVisible();
}

/** The check `name` on the merge request page shown, once it has `status`. */
export async function expectCheck(page: Page, name: string, status: string): Promise<void> {
  await expect(
    page.getByTestId("checks-panel").locator(`[data-testid="check"][data-name="${name}"]`),
  ).toHaveAttribute("data-status", status, { timeout: 90_000 });
}
