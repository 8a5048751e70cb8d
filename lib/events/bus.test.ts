import { describe, expect, it } from "vitest";
import { ChangeBus, type ForgeChange } from "./bus";

const change = (projectId: string, id = "t1"): ForgeChange => ({ projectId, kind: "ticket", id });

describe("ChangeBus", () => {
  it("delivers a change only to listeners of its project", () => {
    const bus = new ChangeBus();
    const seenA: ForgeChange[] = [];
    const seenB: ForgeChange[] = [];
    bus.subscribe("a/demo", (c) => seenA.push(c));
    bus.subscribe("b/other", (c) => seenB.push(c));
    bus.publish(change("a/demo"));
    expect(seenA).toEqual([change("a/demo")]);
    expect(seenB).toEqual([]);
  });

  it("stops delivering after unsubscribe and forgets empty projects", () => {
    const bus = new ChangeBus();
    const seen: ForgeChange[] = [];
    const stop = bus.subscribe("a/demo", (c) => seen.push(c));
    stop();
    bus.publish(change("a/demo"));
    expect(seen).toEqual([]);
    expect(bus.listenerCount("a/demo")).toBe(0);
  });

  it("keeps delivering to others when one listener throws", () => {
    const bus = new ChangeBus();
    const seen: string[] = [];
    bus.subscribe("a/demo", () => {
      throw new Error("broken stream");
    });
    bus.subscribe("a/demo", (c) => seen.push(c.id));
    const original = console.error;
    console.error = () => {};
    try {
      bus.publish(change("a/demo", "t2"));
    } finally {
      console.error = original;
    }
    expect(seen).toEqual(["t2"]);
  });

  it("relays what it publishes to the other processes, but not what they sent it", () => {
    const bus = new ChangeBus();
    const relayed: ForgeChange[] = [];
    const seen: ForgeChange[] = [];
    bus.relayTo((c) => relayed.push(c));
    bus.subscribe("a/demo", (c) => seen.push(c));
    bus.publish(change("a/demo", "here"));
    bus.deliver(change("a/demo", "from-another-process"));
    expect(seen.map((c) => c.id)).toEqual(["here", "from-another-process"]);
    expect(relayed.map((c) => c.id)).toEqual(["here"]);
    expect(bus.watchedProjects()).toEqual(["a/demo"]);
  });
});

describe("ChangeBus.changeCount", () => {
  it("counts each project's changes, published here or delivered from another process", () => {
    const bus = new ChangeBus();
    expect(bus.changeCount("a/demo")).toBe(0);
    bus.publish(change("a/demo"));
    bus.deliver(change("a/demo", "t2"));
    bus.publish(change("b/other"));
    expect(bus.changeCount("a/demo")).toBe(2);
    expect(bus.changeCount("b/other")).toBe(1);
  });
});
