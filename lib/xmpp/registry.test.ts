import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionRegistry } from "./registry";
import { XmppSession } from "./session";
import { FakeClient } from "./testing/fake-client";

function register(registry: SessionRegistry) {
  const client = new FakeClient();
  const { id, session } = registry.add(XmppSession.attach(client.asClient()));
  return { id, session, client };
}

describe("SessionRegistry", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps a reconnecting session, so the viewer stays signed in through a restart", () => {
    const registry = new SessionRegistry();
    const { id, session, client } = register(registry);
    client.dropStream({ condition: "system-shutdown" });
    expect(registry.get(id)).toBe(session);
    expect(registry.ended(id)).toBeUndefined();
  });

  it("drops a session that ended by itself and remembers why", async () => {
    const registry = new SessionRegistry();
    const { id, client } = register(registry);
    client.passwordAccepted = false;
    client.dropStream({ condition: "reset", text: "Password changed" });
    await vi.advanceTimersByTimeAsync(1_500);
    expect(registry.get(id)).toBeUndefined();
    expect(registry.ended(id)).toEqual({
      jid: "bob@b.test",
      domain: "b.test",
      reason:
        "b.test no longer accepts your password (it was changed, or the account was removed).",
    });
    expect(registry.size).toBe(0);
  });

  it("forgets a signed-out session entirely", async () => {
    const registry = new SessionRegistry();
    const { id } = register(registry);
    await registry.close(id);
    expect(registry.get(id)).toBeUndefined();
    expect(registry.ended(id)).toBeUndefined();
    expect(registry.closedHere(id)).toBe(true);
    // One it never held (another process's): neither ended nor closed here.
    expect(registry.closedHere("held-elsewhere")).toBe(false);
  });

  it("keeps the reasons of only the most recent 1,000 endings", () => {
    const registry = new SessionRegistry();
    const ids = Array.from({ length: 1_001 }, () => {
      const { id, client } = register(registry);
      client.dropStream({ condition: "conflict" });
      return id;
    });
    expect(registry.ended(ids[0])).toBeUndefined();
    expect(registry.ended(ids[1])?.reason).toMatch(/Another sign-in replaced/);
    expect(registry.ended(ids[1_000])).toBeDefined();
  });
});
