import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "./attempt-limiter";

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("AttemptLimiter", () => {
  it("lets a key fail its allowance, then makes it wait until the oldest failure expires", () => {
    const time = clock();
    const limiter = new AttemptLimiter(3, 60_000, time.now);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect(limiter.retryAfter("alice@a.test")).toBe(0);
      limiter.fail("alice@a.test");
      time.advance(10_000);
    }
    // Failures at 0, 10 and 20 s; now 30 s: the first expires at 60 s.
    expect(limiter.retryAfter("alice@a.test")).toBe(30);
    expect(limiter.retryAfter("bob@b.test")).toBe(0);
    time.advance(30_001);
    expect(limiter.retryAfter("alice@a.test")).toBe(0);
  });

  it("forgets a key's failures on success", () => {
    const limiter = new AttemptLimiter(2, 60_000, clock().now);
    limiter.fail("k");
    limiter.fail("k");
    expect(limiter.retryAfter("k")).toBeGreaterThan(0);
    limiter.succeed("k");
    expect(limiter.retryAfter("k")).toBe(0);
  });

  it("stays bounded under a flood of distinct keys", () => {
    const limiter = new AttemptLimiter(1, 60_000, clock().now, 1_000);
    for (let key = 0; key < 10_000; key++) limiter.fail(`ip-${key}`);
    expect(
      (limiter as unknown as { failures: Map<string, number[]> }).failures.size,
    ).toBeLessThanOrEqual(1_000);
    expect(limiter.retryAfter("ip-9999")).toBeGreaterThan(0);
  });
});
