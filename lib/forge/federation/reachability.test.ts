import { describe, expect, it } from "vitest";
import { ReachabilityWatch, type Reachability } from "./reachability";

/** A hand-cranked clock: timers run only when the test says so. */
function fakeTimers() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pending,
    setTimer(run: () => void, ms: number) {
      const timer = { run, ms, cancelled: false };
      pending.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
    /** Runs the next live timer and lets its probe settle; returns the delay it was set for. */
    async fire(): Promise<number> {
      const timer = pending.find((t) => !t.cancelled);
      if (!timer) throw new Error("no timer pending");
      timer.cancelled = true;
      timer.run();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return timer.ms;
    },
  };
}

function setup(up: { value: boolean }) {
  const timers = fakeTimers();
  const changes: [string, Reachability][] = [];
  const watch = new ReachabilityWatch({
    probe: async () => {
      if (!up.value) throw new Error("remote-server-not-found");
    },
    isOutage: (error) => (error as Error).message === "remote-server-not-found",
    onChange: (service, state) => changes.push([service, state]),
    heartbeatMs: 10_000,
    retryMinMs: 1_000,
    retryMaxMs: 8_000,
    setTimer: timers.setTimer,
  });
  return { timers, changes, watch };
}

describe("ReachabilityWatch", () => {
  it("counts an unchecked service as reachable and reports nothing while it stays up", async () => {
    const up = { value: true };
    const { watch, timers, changes } = setup(up);
    expect(watch.status("pubsub.a.test").reachable).toBe(true);
    watch.watch("pubsub.a.test");
    expect(await timers.fire()).toBe(10_000);
    expect(await timers.fire()).toBe(10_000);
    expect(changes).toEqual([]);
  });

  it("notices an outage at the heartbeat, retries with backoff, and reports the return once", async () => {
    const up = { value: true };
    const { watch, timers, changes } = setup(up);
    watch.watch("pubsub.a.test");
    up.value = false;
    await timers.fire();
    expect(watch.status("pubsub.a.test").reachable).toBe(false);
    const delays = [await timers.fire(), await timers.fire(), await timers.fire()];
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(await timers.fire()).toBe(8_000);
    expect(await timers.fire()).toBe(8_000);
    up.value = true;
    await timers.fire();
    expect(watch.status("pubsub.a.test").reachable).toBe(true);
    expect(await timers.fire()).toBe(10_000);
    expect(changes.map(([service, state]) => [service, state.reachable])).toEqual([
      ["pubsub.a.test", false],
      ["pubsub.a.test", true],
    ]);
  });

  it("takes an error the service answered with as reachable", async () => {
    const timers = fakeTimers();
    const watch = new ReachabilityWatch({
      probe: async () => {
        throw new Error("feature-not-implemented");
      },
      isOutage: () => false,
      onChange: () => {},
      setTimer: timers.setTimer,
    });
    expect(await watch.check("pubsub.b.test")).toBe(true);
  });

  it("checks soon after an outage reported by a failed request", async () => {
    const up = { value: false };
    const { watch, timers, changes } = setup(up);
    watch.watch("pubsub.a.test");
    watch.reportOutage("pubsub.a.test");
    expect(changes).toHaveLength(1);
    expect(timers.pending.filter((t) => !t.cancelled).map((t) => t.ms)).toEqual([1_000]);
  });

  it("stops checking a service it no longer watches", async () => {
    const up = { value: true };
    const { watch, timers } = setup(up);
    watch.watch("pubsub.a.test");
    watch.unwatch("pubsub.a.test");
    expect(watch.watched()).toEqual([]);
    expect(timers.pending.every((t) => t.cancelled)).toBe(true);
  });
});
