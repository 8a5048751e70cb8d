import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinear } from "@/lib/testing/linear-time";
import { isFetchFromNothing } from "./clone-pack-cache";
import { encodePktLine, FLUSH_PKT } from "./pkt-line";

// A fetch's request body is whatever the client sent: isFetchFromNothing reads any bytes
// without throwing, says yes only to a `command=fetch` with no `have` line, in linear time.

const DELIM = Buffer.from("0001");
const ID = "a".repeat(40);
const line = fc.oneof(
  fc.constant(`want ${ID}\n`),
  fc.constant(`have ${ID}\n`),
  fc.constant("done\n"),
  fc.constant("ofs-delta\n"),
  fc.string({ minLength: 1, maxLength: 30 }),
);

describe("isFetchFromNothing on hostile bodies", () => {
  it("never throws on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(typeof isFetchFromNothing(Buffer.from(bytes))).toBe("boolean");
      }),
    );
  });

  it("says yes exactly to a fetch command whose packets hold no have line", () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(line, { maxLength: 12 }), (fetch, lines) => {
        const body = Buffer.concat([
          encodePktLine(fetch ? "command=fetch\n" : "command=ls-refs\n"),
          DELIM,
          ...lines.map((text) => encodePktLine(text)),
          FLUSH_PKT,
        ]);
        const hasHave = lines.some(
          (text) => Buffer.from(text).subarray(0, 5).toString() === "have ",
        );
        expect(isFetchFromNothing(body)).toBe(fetch && !hasHave);
      }),
    );
  });

  it("reads a long body in linear time", () => {
    const body = (n: number) => {
      const wants = Array.from({ length: n }, () => encodePktLine(`want ${ID}\n`));
      const bytes = Buffer.concat([encodePktLine("command=fetch\n"), DELIM, ...wants, FLUSH_PKT]);
      return () => void isFetchFromNothing(bytes);
    };
    expectLinear(body(50_000), body(100_000));
  });
});
