import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinear } from "@/lib/testing/linear-time";
import {
  encodePktLine,
  FLUSH_PKT,
  MAX_PKT_LINE,
  type Packet,
  PktLineDecoder,
  PktLineError,
  packetText,
} from "./pkt-line";
import { parseChangegroupLine } from "./hg-changegroup";
import { parseCommand, parseVersionLine } from "./proc-receive";

// What Git relays from the client (ref names, push options) is hostile: every reader must
// read it or refuse it with a PktLineError, in time linear in its size however it is split.

/** Everything the decoder yields from `chunks`, or the error it refused them with. */
function decodeAll(chunks: Uint8Array[]): Packet[] | PktLineError {
  const decoder = new PktLineDecoder();
  const packets: Packet[] = [];
  try {
    for (const chunk of chunks) {
      decoder.push(chunk);
      for (let packet = decoder.next(); packet; packet = decoder.next()) packets.push(packet);
    }
  } catch (error) {
    if (error instanceof PktLineError) return error;
    throw error;
  }
  return packets;
}

/** Cuts `bytes` at the given places. */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let start = 0;
  for (const point of points) {
    parts.push(bytes.subarray(start, point));
    start = point;
  }
  parts.push(bytes.subarray(start));
  return parts;
}

describe("pkt-lines", () => {
  it("reads back what was written, however the stream is cut", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.uint8Array({ maxLength: 300 }), { nil: undefined }), {
          maxLength: 20,
        }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (payloads, cuts) => {
          const stream = Buffer.concat(
            payloads.map((payload) => (payload ? encodePktLine(payload) : FLUSH_PKT)),
          );
          const packets = decodeAll(split(stream, cuts));
          expect(packets).toEqual(
            payloads.map((payload) =>
              payload ? { kind: "data", payload: Buffer.from(payload) } : { kind: "flush" },
            ),
          );
        },
      ),
    );
  });

  it("reads or refuses arbitrary bytes, nothing else", () => {
    const hexish = fc.stringMatching(/^[0-9a-fA-F]{0,6}$/).map((text) => Buffer.from(text));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), hexish)), (chunks) => {
        decodeAll(chunks);
      }),
    );
  });

  it("refuses lengths Git never writes", () => {
    for (const header of ["0001", "0003", "fff1", "zzzz", "00 5"]) {
      expect(decodeAll([Buffer.from(`${header}xxxx`)]), header).toBeInstanceOf(PktLineError);
    }
    expect(() => encodePktLine(Buffer.alloc(MAX_PKT_LINE - 3))).toThrow(PktLineError);
    expect(encodePktLine(Buffer.alloc(MAX_PKT_LINE - 4))).toHaveLength(MAX_PKT_LINE);
  });

  it("waits for a packet's end, and drops only Git's final newline", () => {
    const decoder = new PktLineDecoder();
    decoder.push(Buffer.from("000aab"));
    expect(decoder.next()).toBeUndefined();
    decoder.push(Buffer.from("cd\n\n"));
    const packet = decoder.next();
    expect(packet?.kind === "data" && packetText(packet.payload)).toBe("abcd\n");
  });

  it("stays linear when a stream arrives a byte at a time, read as it comes or at the end", () => {
    const stream = (packets: number) =>
      Buffer.concat(Array.from({ length: packets }, (_, index) => encodePktLine(`line ${index}`)));
    const read = (bytes: Buffer, drainEach: boolean) => {
      const decoder = new PktLineDecoder();
      let packets = 0;
      for (let index = 0; index < bytes.length; index++) {
        decoder.push(bytes.subarray(index, index + 1));
        if (drainEach) while (decoder.next()) packets++;
      }
      while (decoder.next()) packets++;
      return packets;
    };
    for (const drainEach of [true, false]) {
      const [small, large] = [stream(3_000), stream(6_000)];
      expect(read(large, drainEach)).toBe(6_000);
      expectLinear(
        () => read(small, drainEach),
        () => read(large, drainEach),
      );
    }
  });
});

describe("proc-receive's lines", () => {
  const oid = "a".repeat(40);

  it("reads commands and versions, refusing anything else", () => {
    expect(parseCommand(`${oid} ${"b".repeat(40)} refs/for/main/topic`)).toEqual({
      oldOid: oid,
      newOid: "b".repeat(40),
      ref: "refs/for/main/topic",
    });
    for (const line of [
      `${oid} ${oid} heads/main`,
      `${oid} ${oid} refs/for/a b`,
      `${oid.slice(1)} ${oid} refs/for/main`,
      `${oid} ${oid} refs/for/main\n`,
      "",
    ]) {
      expect(parseCommand(line), line).toBeUndefined();
    }
    expect(parseVersionLine("version=1\0push-options atomic")).toEqual(
      new Set(["push-options", "atomic"]),
    );
    expect(parseVersionLine("version=2\0push-options")).toBeUndefined();
    const b = "b".repeat(40);
    expect(parseChangegroupLine(`${oid} ${b}\n`)).toEqual({ first: oid, last: b });
    expect(parseChangegroupLine(`${oid} ${b} x`)).toBeUndefined();
    expect(parseChangegroupLine(" \n")).toBeUndefined();
  });

  it("reads any line without failing, in linear time", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (line) => {
        parseCommand(line);
        parseVersionLine(line);
        parseChangegroupLine(line);
      }),
    );
    const line = (n: number) => `${oid} ${oid} refs/for/${"a/".repeat(n)} x`;
    expectLinear(
      () => parseCommand(line(30_000)),
      () => parseCommand(line(60_000)),
    );
  });
});
