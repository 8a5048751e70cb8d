/**
 * A production Next.js instance for the benchmarks that measure the app over HTTP: one build
 * in .next-bench (rebuilt only when a source is newer), then `next start` on a port of its
 * own, with the settings and cache file the benchmark gives it, output appended to its log.
 */
import { spawn, type StdioOptions } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { ms } from "./stats";

const ROOT = path.resolve(import.meta.dirname, "..");
const DIST_DIR = ".next-bench";
const BIN = path.join(ROOT, "node_modules/.bin");
/** What `next build` reads; test files are left out (they change often and build nothing). */
const SOURCES = ["app", "components", "lib", "prisma/schema.prisma", "package-lock.json"];
SOURCES.push("instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json");

export interface NextInstance {
  /** Names the instance in messages, e.g. "instance B". */
  readonly name: string;
  readonly port: number;
  /** Its cache, relative to the repository root (e.g. ".run/bench-b.db"). */
  readonly dbFile: string;
  /** Where its output goes, relative to the repository root. */
  readonly log: string;
  /** Settings on top of the bench's own (instance JID, XMPP hosts…). */
  readonly env: Record<string, string>;
}

export const originOf = (instance: NextInstance) => `http://127.0.0.1:${instance.port}`;

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** The instance's /health status (200 once its instance session is online); 0 if none answers. */
const health = (instance: NextInstance) =>
  fetch(`${originOf(instance)}/health`)
    .then((response) => response.status)
    .catch(() => 0);

/**
 * Runs a program as the instance (next, prisma, or node with server.mjs), output to its log. Each child leads its own process group,
 * so `signal` reaches whatever it spawned (build workers) too; and if this process exits first
 * (limit timeout, Ctrl-C), it is stopped.
 */
function spawnAs(instance: NextInstance, file: string, args: string[]) {
  const log = fs.openSync(path.join(ROOT, instance.log), "a");
  const env = {
    ...process.env, // the bench's settings (PLAIN on loopback, the instance password…)
    NEXT_TELEMETRY_DISABLED: "1",
    PUBFORGE_DIST_DIR: DIST_DIR,
    DATABASE_URL: `file:./${instance.dbFile}`,
    ...instance.env,
  };
  const stdio: StdioOptions = ["ignore", log, log];
  const child = spawn(file, args, { cwd: ROOT, env, stdio, detached: true });
  fs.closeSync(log); // the child has its own copy
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const onExit = () => signal("SIGTERM");
  process.on("exit", onExit);
  const exited = new Promise<true>((resolve) =>
    child.once("exit", () => {
      process.off("exit", onExit);
      resolve(true);
    }),
  );
  return { child, signal, exited };
}

async function runAs(instance: NextInstance, command: string, args: string[]): Promise<void> {
  const { child, exited } = spawnAs(instance, path.join(BIN, command), args);
  await Promise.race([exited, once(child, "error").then(([error]) => Promise.reject(error))]);
  if (child.exitCode !== 0) throw new Error(`${command} ${args[0]} failed; see ${instance.log}`);
}

/** Builds into .next-bench when there is no build or a source changed since; says which. */
export async function ensureBuild(instance: NextInstance): Promise<string> {
  let newest = 0;
  const visit = (file: string): void => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) fs.readdirSync(file).forEach((entry) => visit(path.join(file, entry)));
    else if (stat && !/\.test\.tsx?$/.test(file)) newest = Math.max(newest, stat.mtimeMs);
  };
  SOURCES.forEach((file) => visit(path.join(ROOT, file)));
  const buildId = fs.statSync(path.join(ROOT, DIST_DIR, "BUILD_ID"), { throwIfNoEntry: false });
  if (buildId && buildId.mtimeMs > newest) {
    return `reused the build in ${DIST_DIR}, no source newer`;
  }
  const why = buildId ? "sources changed since the last build" : "no build yet";
  console.log(`[bench] building ${instance.name} into ${DIST_DIR} (${why}; log ${instance.log})…`);
  const start = performance.now();
  await runAs(instance, "next", ["build"]);
  return `built into ${DIST_DIR} first, ${ms(performance.now() - start)}`;
}

/** Deletes the instance's cache file and migrates a new one. */
export async function freshDatabase(instance: NextInstance): Promise<void> {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) {
    fs.rmSync(path.join(ROOT, instance.dbFile + suffix), { force: true });
  }
  await runAs(instance, "prisma", ["migrate", "deploy"]);
}

/** The app's server (server.mjs); resolves with its stop function once it is healthy. */
export async function startInstance(instance: NextInstance): Promise<() => Promise<void>> {
  // Someone else's server on the port would be measured instead of ours: refuse.
  if ((await health(instance)) !== 0) {
    throw new Error(`${originOf(instance)} already answers; stop what runs there`);
  }
  const address = ["-p", `${instance.port}`, "-H", "127.0.0.1"];
  // PUBFORGE_BENCH_CPU_PROFILE=<dir>: `node --cpu-prof` profiles of the server, written on exit.
  const profile = process.env.PUBFORGE_BENCH_CPU_PROFILE;
  const node = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  const { child, signal, exited } = spawnAs(instance, process.execPath, [
    ...node,
    "server.mjs",
    ...address,
  ]);
  const stop = async () => {
    signal("SIGTERM");
    if (!(await Promise.race([exited, sleep(5000)]))) signal("SIGKILL");
  };
  for (let waited = 0; (await health(instance)) !== 200; waited += 200) {
    if (child.exitCode !== null || waited > 60_000) {
      await stop();
      throw new Error(
        `${instance.name} did not come up (healthy) within 60 s; see ${instance.log}`,
      );
    }
    await sleep(200);
  }
  return stop;
}
