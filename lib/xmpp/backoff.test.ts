import { describe, expect, it } from "vitest";
import { Backoff, backoffDelay, RECONNECT_BACKOFF } from "./backoff";

const exact = { ...RECONNECT_BACKOFF, jitter: 0 };

describe("backoffDelay", () => {
  it("doubles from 1 s and stops at the 30 s cap", () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => backoffDelay(attempt, exact));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("shortens each delay by at most the jitter share, never lengthens it", () => {
    expect(backoffDelay(0, RECONNECT_BACKOFF, () => 0)).toBe(1_000);
    expect(backoffDelay(0, RECONNECT_BACKOFF, () => 0.999999)).toBe(500);
    expect(backoffDelay(10, RECONNECT_BACKOFF, () => 0.5)).toBe(22_500);
  });

  it("spreads sessions that start together over the whole window", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const delays = Array.from({ length: 1000 }, () => backoffDelay(3, RECONNECT_BACKOFF, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8_000);
    expect(new Set(delays.map((d) => Math.floor(d / 500))).size).toBe(8);
  });

  it("survives absurd inputs", () => {
    expect(backoffDelay(10_000, exact)).toBe(30_000);
    expect(backoffDelay(-3, exact)).toBe(1_000);
    expect(backoffDelay(0, { ...exact, jitter: 7 }, () => 0.5)).toBe(500);
  });
});

describe("Backoff", () => {
  it("counts attempts and starts over after reset", () => {
    const backoff = new Backoff(exact);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([1_000, 2_000, 4_000]);
    backoff.reset();
    expect(backoff.next()).toBe(1_000);
  });

  it("stays at the cap however long the outage", () => {
    const backoff = new Backoff(exact);
    for (let i = 0; i < 5_000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
    expect(Number.isFinite(backoff.attempts)).toBe(true);
  });
});
