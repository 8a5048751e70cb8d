import { describe, expect, it } from "vitest";
import { lineHash, parseLineHash, selectLine } from "./line-hash";

describe("line anchors", () => {
  it("read #L10 and #L10-L20, in either order, and nothing else", () => {
    expect(parseLineHash("#L10")).toEqual({ from: 10, to: 10 });
    expect(parseLineHash("#L20-L10")).toEqual({ from: 10, to: 20 });
    for (const hash of ["", "#", "#L", "#L0", "#L1-", "#10", "#L1-L2-L3", "#Lx", "#L12345678"]) {
      expect(parseLineHash(hash), hash).toBeUndefined();
    }
  });

  it("write a single line or a range", () => {
    expect(lineHash({ from: 3, to: 3 })).toBe("#L3");
    expect(lineHash({ from: 3, to: 9 })).toBe("#L3-L9");
  });

  it("extend a selection from its anchor with Shift, either way", () => {
    expect(selectLine(7, 3, false)).toEqual({ from: 7, to: 7 });
    expect(selectLine(7, 3, true)).toEqual({ from: 3, to: 7 });
    expect(selectLine(2, 3, true)).toEqual({ from: 2, to: 3 });
    expect(selectLine(2, undefined, true)).toEqual({ from: 2, to: 2 });
  });
});
