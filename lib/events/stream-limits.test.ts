import { describe, expect, it } from "vitest";
import { STREAM_RETRY_AFTER_SECONDS, StreamLimiter } from "./stream-limits";

describe("StreamLimiter", () => {
  const caps = { perSession: 2, perAddress: 3, total: 5 };

  it("admits streams up to each cap, then says which one and how long to wait", () => {
    const limiter = new StreamLimiter(caps);
    const alice = { session: "s-alice", address: "10.0.0.1" };
    expect(limiter.admit(alice).ok).toBe(true);
    expect(limiter.admit(alice).ok).toBe(true);
    expect(limiter.admit(alice)).toEqual({
      ok: false,
      limit: "perSession",
      retryAfter: STREAM_RETRY_AFTER_SECONDS,
    });
    // Another session behind the same address: the address cap is next.
    expect(limiter.admit({ session: "s-bob", address: "10.0.0.1" }).ok).toBe(true);
    expect(limiter.admit({ session: "s-carol", address: "10.0.0.1" })).toMatchObject({
      ok: false,
      limit: "perAddress",
    });
    // Visitors without a session count per address only.
    expect(limiter.admit({ session: null, address: "10.0.0.2" }).ok).toBe(true);
    expect(limiter.admit({ session: null, address: "10.0.0.3" }).ok).toBe(true);
    expect(limiter.admit({ session: null, address: "10.0.0.4" })).toMatchObject({
      ok: false,
      limit: "total",
    });
    expect(limiter.open).toBe(5);
  });

  it("frees a place when a stream ends, once however often it is released", () => {
    const limiter = new StreamLimiter(caps);
    const alice = { session: "s-alice", address: "10.0.0.1" };
    const first = limiter.admit(alice);
    limiter.admit(alice);
    if (!first.ok) throw new Error("refused");
    first.release();
    first.release();
    expect(limiter.open).toBe(1);
    expect(limiter.admit(alice).ok).toBe(true);
    expect(limiter.admit(alice).ok).toBe(false);
  });
});
