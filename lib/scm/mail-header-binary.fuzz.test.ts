import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinear } from "@/lib/testing/linear-time";
import { applyBinaryChunk, BinaryPatchError, literalChunk } from "./git-binary";
import { decodeHeader, encodeHeader, readHeaders } from "./mail-header";

describe("RFC 2047 headers", () => {
  it("decode what they encode, for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 120 }), (text) => {
        expect(decodeHeader(encodeHeader(text).replace(/\n /g, " "))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it("decode any text without throwing", () => {
    const wordish = fc
      .array(
        fc.oneof(
          fc.constantFrom("=?", "?=", "?q?", "?B?", "utf-8", "x-bogus*en", "=C3", "=", "_", " "),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 30 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(wordish, (text) => {
        expect(typeof decodeHeader(text)).toBe("string");
        expect(readHeaders(text.split(/[:\n]/))).toBeInstanceOf(Map);
      }),
      { numRuns: 300 },
    );
  });

  it("stay linear on long runs of encoded words, openers and whitespace", () => {
    for (const unit of ["=?utf-8?q?a?= ", "=?utf-8?q?", "?=   ", "=?x?B?", " ", "=?"]) {
      expectLinear(
        () => decodeHeader(unit.repeat(25_000)),
        () => decodeHeader(unit.repeat(50_000)),
      );
    }
  });
});

describe("GIT binary patch data", () => {
  it("gives back the content a literal chunk was made of", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (data) => {
        expect(applyBinaryChunk(literalChunk(data), new Uint8Array())).toEqual(data);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses damaged chunks and deltas with a BinaryPatchError only", () => {
    const line = fc.string({
      unit: fc.constantFrom(..."AZaz09!~{|}`^_-;<=>?@#$%&()*+xyzQ"),
      maxLength: 70,
    });
    const chunk = fc.record({
      method: fc.constantFrom("literal" as const, "delta" as const),
      size: fc.nat(2000),
      lines: fc.oneof(
        fc.array(line, { maxLength: 4 }),
        // well-formed base85 of arbitrary (mostly not zlib) bytes, and real deltas' framing
        fc.uint8Array({ maxLength: 200 }).map((bytes) => literalChunk(bytes).lines),
      ),
    });
    fc.assert(
      fc.property(chunk, fc.uint8Array({ maxLength: 64 }), (c, old) => {
        try {
          applyBinaryChunk(c, old);
        } catch (error) {
          expect(error).toBeInstanceOf(BinaryPatchError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("decodes a megabyte in linear time", () => {
    const data = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7919) % 251);
    const [small, large] = [literalChunk(data(500_000)), literalChunk(data(1_000_000))];
    expectLinear(
      () => applyBinaryChunk(small, new Uint8Array()),
      () => applyBinaryChunk(large, new Uint8Array()),
    );
  });
});
