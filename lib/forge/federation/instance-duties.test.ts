// The instance's background work (the unused-follow sweep, the repository refreshes) runs in
// one process only: the one holding the instance lock. A process on standby skips it, and
// does it from its next tick once it takes the lock over.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startPullMirrorSchedule } from "@/lib/forge/repositories/pull-schedule";
import { instanceState } from "./instance-account";
import type { InstanceLock } from "./instance-lock";
import { startUnusedFollowSweep } from "./unused-follows";

const sweeps = vi.hoisted(() => ({ follows: vi.fn(async () => []), pulls: vi.fn(async () => []) }));
vi.mock("@/lib/cache/projects", async (original) => ({
  ...(await original<object>()),
  unusedFollowedProjects: sweeps.follows,
}));
vi.mock("@/lib/cache/repository-mirrors", async (original) => ({
  ...(await original<object>()),
  followedProjectsWithCloneUrl: sweeps.pulls,
}));

const HOUR_MS = 60 * 60_000;

describe("the instance's background work with several processes", () => {
  /** What the lock says of this process; the rest of InstanceLock plays no part here. */
  const lock = { held: false };

  beforeAll(() => {
    vi.useFakeTimers();
    instanceState().lock = lock as unknown as InstanceLock;
    startUnusedFollowSweep();
    startPullMirrorSchedule();
  });
  afterAll(() => {
    instanceState().lock = undefined;
    const timers = globalThis as unknown as Record<string, NodeJS.Timeout | undefined>;
    for (const name of ["pubforgeFollowSweep", "pubforgePullSchedule"]) {
      clearInterval(timers[name]);
      timers[name] = undefined;
    }
    vi.useRealTimers();
  });

  it("does none of it in a process on standby", async () => {
    await vi.advanceTimersByTimeAsync(3 * HOUR_MS);
    expect(sweeps.follows).not.toHaveBeenCalled();
    expect(sweeps.pulls).not.toHaveBeenCalled();
  });

  it("starts once the process takes the instance over, and stops when it loses it", async () => {
    lock.held = true;
    await vi.advanceTimersByTimeAsync(HOUR_MS);
    expect(sweeps.follows).toHaveBeenCalledTimes(1);
    // Every PUBFORGE_PULL_MIRROR_MINUTES (10 by default): six rounds in the hour.
    expect(sweeps.pulls).toHaveBeenCalledTimes(6);

    lock.held = false;
    await vi.advanceTimersByTimeAsync(2 * HOUR_MS);
    expect(sweeps.follows).toHaveBeenCalledTimes(1);
    expect(sweeps.pulls).toHaveBeenCalledTimes(6);
  });
});
