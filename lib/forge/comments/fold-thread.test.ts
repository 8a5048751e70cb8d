import { describe, expect, it } from "vitest";
import { FOLDED_OVER, foldThread, SHOWN_FIRST, SHOWN_LAST } from "./fold-thread";

const thread = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("foldThread", () => {
  it("shows a thread up to the threshold whole", () => {
    expect(foldThread(thread(FOLDED_OVER), false)).toEqual({
      first: thread(FOLDED_OVER),
      hidden: 0,
      last: [],
    });
  });

  it("keeps the start and the latest entries of a longer one, in order, and counts the rest", () => {
    const folded = foldThread(thread(200), false);
    expect(folded.first).toEqual(thread(SHOWN_FIRST));
    expect(folded.last).toEqual(thread(200).slice(200 - SHOWN_LAST));
    expect(folded.hidden).toBe(200 - SHOWN_FIRST - SHOWN_LAST);
    expect(folded.first.length + folded.hidden + folded.last.length).toBe(200);
  });

  it("shows everything when asked to unfold", () => {
    expect(foldThread(thread(200), true)).toEqual({ first: thread(200), hidden: 0, last: [] });
  });
});
