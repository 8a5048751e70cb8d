/**
 * Tests only: whether a parser of foreign input stays linear. The same work on an input and on
 * one twice its size: linear work roughly doubles, quadratic work quadruples.
 */
import { expect } from "vitest";

/** The best of three runs, so that one garbage collection does not decide a ratio. */
export function bestOfThree(run: () => void): number {
  let best = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/** `onInput` and `onTwiceTheInput` run the same reader; the second on twice the text. */
export function expectLinear(onInput: () => void, onTwiceTheInput: () => void, label?: string) {
  const once = bestOfThree(onInput);
  const twice = bestOfThree(onTwiceTheInput);
  expect(twice, label).toBeLessThan(2_000);
  // Generous for a loaded machine: a quadratic case is 4× and grows with n; allow 3.5× + noise.
  expect(twice, label).toBeLessThan(3.5 * once + 150);
}

/** `read` on `input(n)` and on `input(2 * n)`, the texts made before the clock starts. */
export function expectLinearIn(
  input: (n: number) => string,
  read: (text: string) => void,
  n: number,
) {
  const [small, large] = [input(n), input(2 * n)];
  expectLinear(
    () => read(small),
    () => read(large),
  );
}
