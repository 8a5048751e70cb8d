/**
 * The benchmark's own pair of Prosody servers (a.test on 127.0.0.6, b.test on 127.0.0.7, data
 * in .run/xmpp-bench), so it never disturbs the dev pair (127.0.0.2/3) or the test pair
 * (127.0.0.4/5). Started and stopped through scripts/xmpp.sh, which acts by recorded PID only.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { HostMap } from "@/lib/config";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPT = path.join(ROOT, "scripts/xmpp.sh");

export const XMPP_DIR = path.join(ROOT, ".run/xmpp-bench");
export const A_IP = "127.0.0.6";
export const B_IP = "127.0.0.7";

export const HOSTS: HostMap = {
  "a.test": { host: A_IP, port: 5222 },
  "b.test": { host: B_IP, port: 5222 },
};

/** What xmpp.sh needs to address the bench pair (and nothing else). */
const pairEnv = {
  ...process.env,
  PUBFORGE_XMPP_DIR: XMPP_DIR,
  PUBFORGE_XMPP_A_IP: A_IP,
  PUBFORGE_XMPP_B_IP: B_IP,
};

function xmppSh(...args: string[]): void {
  execFileSync("bash", [SCRIPT, ...args], { cwd: ROOT, env: pairEnv, stdio: "inherit" });
}

export interface BenchServers {
  /** False when the pair was already running: then it is left running at the end. */
  readonly started: boolean;
  stop(): void;
}

/**
 * Starts the pair on fresh storage. A previous run's data would make runs incomparable (node
 * sizes, account count), so the data dir is wiped, but only while the pair is stopped.
 */
export function startServers(): BenchServers {
  const status = spawnSync("bash", [SCRIPT, "status"], { cwd: ROOT, env: pairEnv });
  if (status.status === 0) {
    console.warn(`[bench] the bench pair was already running; reusing it and leaving it running`);
    return { started: false, stop: () => {} };
  }
  // One half may survive a crashed run; it is ours (bench dir), and xmpp.sh stops it by PID.
  xmppSh("stop");
  fs.rmSync(XMPP_DIR, { recursive: true, force: true });
  const tmpfs = storageOnTmpfs();
  xmppSh("start");
  let stopped = false;
  return {
    started: true,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        xmppSh("stop");
      } finally {
        if (tmpfs) fs.rmSync(tmpfs, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Puts each server's SQLite storage on tmpfs (a/data → /dev/shm/...), as RECIPES.md advises
 * for tests: on this disk every publish waits for an fsync and 5,000 publishes take ~80 s
 * (61 items/s) instead of seconds. Reads, which the benchmarks measure, come from the page
 * cache either way. xmpp.sh keeps the symlinks (it only mkdir -p's the data dirs).
 */
function storageOnTmpfs(): string | undefined {
  if (!fs.existsSync("/dev/shm")) return undefined;
  const base = path.join("/dev/shm", `pubforge-xmpp-bench-${process.getuid?.() ?? 0}`);
  fs.rmSync(base, { recursive: true, force: true });
  for (const server of ["a", "b"]) {
    fs.mkdirSync(path.join(base, server), { recursive: true });
    fs.mkdirSync(path.join(XMPP_DIR, server), { recursive: true });
    fs.symlinkSync(path.join(base, server), path.join(XMPP_DIR, server, "data"));
  }
  return base;
}

/**
 * Creates (or resets the password of) many accounts in ONE admin-shell session per server.
 * `xmpp.sh register` does one account per call and costs ~1 s each (lock, package check,
 * hosts file, shell start-up): 200 accounts would take minutes. This sends the same Lua that
 * xmpp.sh's register_accounts sends, over the same admin socket, ~0.7 s per 100 accounts.
 */
export function registerAccounts(domain: "a.test" | "b.test", users: string[], password: string) {
  const server = domain === "a.test" ? "a" : "b";
  const lua = (text: string) => JSON.stringify(text); // a JSON string is a valid Lua literal here
  const input = users
    .map((user) => {
      const jid = lua(`${user}@${domain}`);
      return (
        `local j, p = ${jid}, ${lua(password)}; local ok, err = user:password(j, p); ` +
        `if not ok then ok, err = user:create(j, p) end; ` +
        `if not ok then error("cannot register "..j..": "..(err or "?")) end; ` +
        `return "registered "..j\n`
      );
    })
    .join("");
  const result = spawnSync(
    "prosodyctl",
    ["--config", path.join(XMPP_DIR, server, "prosody.cfg.lua"), "shell", "--quiet"],
    { input, encoding: "utf8" },
  );
  const registered = (result.stdout ?? "").match(/Result: registered /g)?.length ?? 0;
  if (result.status !== 0 || registered !== users.length) {
    throw new Error(
      `registered ${registered}/${users.length} accounts on ${domain}: ${result.stderr || result.stdout}`,
    );
  }
}
