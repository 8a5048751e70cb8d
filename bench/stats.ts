/** Small timing helpers shared by the benchmarks. */
import fs from "node:fs";

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: p95 of 50 samples is the 48th, an actual measurement rather than a blend.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `work` and returns its result with the wall time in milliseconds. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** Runs `work` over `items` with at most `limit` in flight (pipelined iqs, bounded logins). */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export const ms = (value: number) =>
  value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export const ratio = (value: number) => `${value.toFixed(2)}×`;

/** Collects garbage until the heap stops shrinking, so memory deltas measure live objects. */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run node with --expose-gc (bench/run.ts restarts itself with it)");
  let previous = Infinity;
  for (let i = 0; i < 10; i++) {
    // Let pending socket callbacks and timers release what they hold before collecting.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= previous - 1024) break;
    previous = used;
  }
  return process.memoryUsage();
}

/** The 1, 5 and 15 min load averages, as /proc/loadavg gives them ("2.10 1.80 1.50"). */
export const loadAverages = () =>
  fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
