import { describe, expect, it } from "vitest";
import { MAX_ITEM_NUMBER, parseItemNumber } from "./number";

describe("parseItemNumber", () => {
  it("reads positive integers, trimmed", () => {
    expect(parseItemNumber("12")).toBe(12);
    expect(parseItemNumber(" 7\n")).toBe(7);
    expect(parseItemNumber(String(MAX_ITEM_NUMBER))).toBe(MAX_ITEM_NUMBER);
  });

  it("refuses anything else without throwing", () => {
    for (const hostile of [
      undefined,
      "",
      "0",
      "-3",
      "012",
      "1.5",
      "1e3",
      "0x10",
      "12abc",
      "١٢",
      "Infinity",
      "NaN",
      String(MAX_ITEM_NUMBER + 1),
      "9".repeat(400),
      "<script>",
    ]) {
      expect(parseItemNumber(hostile)).toBeUndefined();
    }
  });
});
