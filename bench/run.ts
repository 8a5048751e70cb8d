/**
 * `npm run bench [-- name...]`: runs the benchmarks (all, or the ones named: filter,
 * cold-sync, session-memory, merge-request, federation-latency, code-browser, clone,
 * page-load, notify-fanout), prints each figure against a baseline measured in the same run,
 * and updates bench/RESULTS.md.
 * Starts the bench's own XMPP servers when a benchmark needs them and stops them at the end,
 * on failure and on Ctrl-C too.
 */
import "./env";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BENCHMARKS, printResult, writeResults, type BenchName, type BenchResult } from "./report";
import { startServers, type BenchServers } from "./servers";

const ROOT = path.resolve(import.meta.dirname, "..");

const RUNNERS: Record<
  BenchName,
  { run: () => Promise<BenchResult>; xmpp: boolean; db: boolean; limitS: number }
> = {
  // Imported when run, so the process that only restarts itself with --expose-gc loads nothing.
  filter: {
    run: async () => (await import("./filter")).runFilter(),
    xmpp: false,
    db: true,
    limitS: 120,
  },
  "cold-sync": {
    run: async () => (await import("./cold-sync")).runColdSync(),
    xmpp: true,
    db: true,
    limitS: 270,
  },
  "session-memory": {
    run: async () => (await import("./session-memory")).runSessionMemory(),
    xmpp: true,
    db: true, // the fan-out caches the published tickets, as the instance does
    limitS: 420,
  },
  "merge-request": {
    run: async () => (await import("./merge-request")).runMergeRequest(),
    xmpp: false,
    db: false,
    limitS: 180,
  },
  // Builds and starts a second Next.js instance (next start) when its build is stale.
  "federation-latency": {
    run: async () => (await import("./federation-latency")).runFederationLatency(),
    xmpp: true,
    db: true, // replays the instance's cache writes into this process's cache
    limitS: 420,
  },
  // Both make their repositories on the first run (~8 min), then reuse .run/bench-repos.
  "code-browser": {
    run: async () => (await import("./code-browser")).runCodeBrowser(),
    xmpp: false,
    db: false,
    limitS: 900,
  },
  // Serves a hosted project through serveProjectRepository: the cache must know the project.
  clone: {
    run: async () => (await import("./clone")).runClone(),
    xmpp: false,
    db: true,
    limitS: 900,
  },
  // Fills this process's cache, then serves it with `next start` (built when stale) to load.
  "page-load": {
    run: async () => (await import("./page-load")).runPageLoad(),
    xmpp: true, // the instance session, online as in a deployment
    db: true,
    limitS: 600,
  },
  // Registers its 1,000 watchers' accounts on the bench pair's a.test.
  "notify-fanout": {
    run: async () => (await import("./notify-fanout")).runNotifyFanout(),
    xmpp: true,
    db: true,
    limitS: 420,
  },
};

function selected(args: string[]): BenchName[] {
  const unknown = args.filter((a) => !(BENCHMARKS as readonly string[]).includes(a));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(", ")}; choose from ${BENCHMARKS.join(", ")}`);
    process.exit(2);
  }
  return args.length ? (args as BenchName[]) : [...BENCHMARKS];
}

/** session-memory needs global.gc: restart under `node --expose-gc --import tsx` if absent. */
function rerunWithGc(args: string[]): void {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), ...args],
    { stdio: "inherit", cwd: ROOT },
  );
  // The child does the cleanup; this process only passes signals on and waits for it.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** A fresh cache file, migrated like any other deployment's. */
function prepareDatabase(): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    fs.rmSync(path.join(ROOT, `.run/bench.db${suffix}`), { force: true });
  }
  execFileSync(path.join(ROOT, "node_modules/.bin/prisma"), ["migrate", "deploy"], {
    cwd: ROOT,
    env: process.env, // DATABASE_URL set by ./env
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/**
 * Which code was measured: the lib changes under the benchmarks' feet while people work, so
 * every result names the commit and the lib files that differed from it (and app/components
 * files, which federation-latency's instance runs).
 */
function codeVersion(): string {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    const head = git("rev-parse", "--short", "HEAD").trim();
    const paths = ["lib", "app", "components", "prisma", "scripts/xmpp"];
    const changed = git("diff", "--name-only", "HEAD", "--", ...paths)
      .split("\n")
      .filter(Boolean);
    return changed.length ? `${head} + uncommitted changes to ${changed.join(", ")}` : head;
  } catch {
    return "unknown (not a git checkout)";
  }
}

function withinLimit<T>(work: Promise<T>, seconds: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(Object.assign(new Error(`${name} took more than ${seconds} s`), { timeout: true })),
      seconds * 1000,
    );
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function main(names: BenchName[]): Promise<number> {
  let servers: BenchServers | undefined;
  // Synchronous (xmpp.sh through execFileSync), so it also works from the 'exit' event.
  const stopServers = () => {
    const running = servers;
    servers = undefined;
    running?.stop();
  };
  process.on("exit", stopServers);
  let interrupted = false;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (interrupted) return; // Ctrl-C reaches us twice when started through rerunWithGc
      interrupted = true;
      console.error(`\n[bench] ${signal}: stopping the bench servers`);
      stopServers();
      process.exit(128 + os.constants.signals[signal]);
    });
  }

  const results: BenchResult[] = [];
  let failed = 0;
  try {
    if (names.some((n) => RUNNERS[n].db)) prepareDatabase();
    if (names.some((n) => RUNNERS[n].xmpp)) servers = startServers();
    for (const name of names) {
      console.log(`\n[bench] ${name}…`);
      try {
        const load = os.loadavg()[0];
        const code = codeVersion();
        const result = await withinLimit(RUNNERS[name].run(), RUNNERS[name].limitS, name);
        Object.assign(result, { load, code });
        printResult(result);
        results.push(result);
      } catch (error) {
        failed++;
        console.error(`[bench] ${name} FAILED: ${(error as Error).stack ?? error}`);
        // Its work may still be running: anything measured next would be measured beside it.
        if ((error as { timeout?: boolean }).timeout) break;
      }
    }
  } finally {
    if (names.some((n) => RUNNERS[n].db)) {
      await (await import("@/lib/cache/db")).closeDb().catch(() => {});
    }
    stopServers();
  }
  if (results.length) console.log(`\n[bench] wrote ${await writeResults(results)}`);
  return failed ? 1 : 0;
}

const args = process.argv.slice(2);
const names = selected(args);
if (typeof (globalThis as { gc?: unknown }).gc !== "function") {
  rerunWithGc(args);
} else {
  main(names).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`[bench] ${(error as Error).stack ?? error}`);
      process.exit(1);
    },
  );
}
