import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Backoff, RECONNECT_BACKOFF } from "./backoff";
import { Reconnector } from "./reconnector";
import { FakeClient } from "./testing/fake-client";

const exact = new Backoff({ ...RECONNECT_BACKOFF, jitter: 0 });

function setup(options: { hurriedMs?: number; attemptTimeoutMs?: number } = {}) {
  const client = new FakeClient();
  const reconnector = new Reconnector(client, { backoff: exact, ...options });
  return { client, reconnector };
}

/** Seconds after `since` at which the attempts since then happened. */
function attemptTimes(client: FakeClient, since: number): number[] {
  return client.attempts.filter((t) => t > since).map((t) => (t - since) / 1000);
}

describe("Reconnector", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    exact.reset();
  });
  afterEach(() => vi.useRealTimers());

  it("waits 1, 2, 4, 8, 16 then 30 s between attempts while the server stays down", async () => {
    const { client } = setup();
    const t0 = Date.now();
    client.serverUp = false;
    client.dropStream({ condition: "system-shutdown" });
    await vi.advanceTimersByTimeAsync(120_000);
    // Cumulative: 1, 3, 7, 15, 31, 61, 91 s.
    expect(attemptTimes(client, t0)).toEqual([1, 3, 7, 15, 31, 61, 91]);
    expect(client.status).toBe("disconnect");
  });

  it("comes back by itself and starts the next outage at 1 s again", async () => {
    const { client } = setup();
    client.serverUp = false;
    client.dropStream();
    await vi.advanceTimersByTimeAsync(7_000); // attempts at 1, 3, 7 s
    client.serverUp = true;
    await vi.advanceTimersByTimeAsync(8_000); // the next one, 8 s later, succeeds
    expect(client.status).toBe("online");
    expect(client.attempts).toHaveLength(4);

    const t1 = Date.now();
    client.dropStream();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attemptTimes(client, t1)).toEqual([1]);
    expect(client.status).toBe("online");
  });

  it("applies jitter from the backoff to the delay xmpp.js uses", async () => {
    const client = new FakeClient();
    new Reconnector(client, { backoff: new Backoff(RECONNECT_BACKOFF, () => 0.5) });
    client.serverUp = false;
    const t0 = Date.now();
    client.dropStream();
    expect(client.reconnect.delay).toBe(750);
    await vi.advanceTimersByTimeAsync(750);
    expect(attemptTimes(client, t0)).toEqual([0.75]);
    expect(client.reconnect.delay).toBe(1_500);
  });

  it("tries again within hurriedMs while someone waits, then backs off again", async () => {
    const { client, reconnector } = setup({ hurriedMs: 1_000 });
    client.serverUp = false;
    client.dropStream();
    await vi.advanceTimersByTimeAsync(31_000); // attempts at 1, 3, 7, 15, 31; next at 61
    const t0 = Date.now();
    const release = reconnector.hurry();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(attemptTimes(client, t0)).toEqual([1, 2, 3]);
    release();
    const t1 = Date.now();
    await vi.advanceTimersByTimeAsync(35_000);
    // The attempt already scheduled in a hurry, then the backoff's own 30 s again.
    expect(attemptTimes(client, t1)).toEqual([1, 31]);
  });

  it("resumes the backoff where it was after a hurry, not at its longest delay", async () => {
    const { client, reconnector } = setup({ hurriedMs: 1_000 });
    client.serverUp = false;
    client.dropStream();
    await vi.advanceTimersByTimeAsync(3_000); // attempts at 1, 3; the 4 s step is due at 7
    const release = reconnector.hurry(); // replaces that 4 s step
    await vi.advanceTimersByTimeAsync(10_000); // ten hurried attempts
    release();
    const t1 = Date.now();
    await vi.advanceTimersByTimeAsync(20_000);
    // One more already scheduled in a hurry (1 s), then the 8 s step: not the 30 s cap.
    expect(attemptTimes(client, t1)).toEqual([1, 9]);
  });

  it("does not hurry an attempt that is already due soon, nor a live connection", async () => {
    const { client, reconnector } = setup({ hurriedMs: 1_000 });
    const release = reconnector.hurry();
    expect(client.attempts).toEqual([]);
    release();
    release(); // releasing twice counts once
    client.serverUp = false;
    client.dropStream();
    reconnector.hurry()();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.attempts).toHaveLength(1);
  });

  it("drops an attempt that hangs while opening and tries again", async () => {
    const { client } = setup({ attemptTimeoutMs: 5_000 });
    client.hangOnOpen = true;
    const t0 = Date.now();
    client.dropStream();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.status).toBe("opening");
    client.hangOnOpen = false;
    // Given up at 1 + 5 s; the next delay of the backoff is 2 s.
    await vi.advanceTimersByTimeAsync(5_000 + 2_000);
    expect(attemptTimes(client, t0)).toEqual([1, 8]);
    expect(client.status).toBe("online");
  });

  it("makes no attempt after stop", async () => {
    const { client, reconnector } = setup();
    client.dropStream();
    reconnector.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.attempts).toEqual([]);
  });
});
