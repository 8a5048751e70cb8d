import { runCapped, type CappedRun } from "../capped-process";
import { HG_ENV } from "./command";

/**
 * An `hg` process of its own, stopped once it has written `maxBytes`: diffs can be as large
 * as a repository's biggest commit, and the shared command server (command.ts) cannot stop
 * one command without stopping everyone's.
 */
export function hgCapped(args: readonly string[], maxBytes: number): Promise<CappedRun> {
  return runCapped("hg", ["--config", "ui.interactive=false", ...args], {
    env: HG_ENV,
    maxBytes,
    timeoutMs: 30_000,
  });
}
