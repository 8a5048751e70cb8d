import { deflateSync, inflateSync } from "node:zlib";
import { PatchParseError } from "./errors";
import type { BinaryChunk, FileDiff } from "./types";

/**
 * `GIT binary patch` data (git's apply.c and base85.c): each chunk is zlib-deflated, either
 * the whole new content (`literal`) or a git delta against the old one (`delta`), written
 * as base85 lines whose first character gives the line's byte count (A–Z 1–26, a–z 27–52).
 */

const ALPHABET =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]));
const BYTES_PER_LINE = 52;
const CHUNK_LINE = /^(literal|delta) (\d+)$/;

export class BinaryPatchError extends Error {}

/** Whether a line is well-formed base85 patch data (the length prefix agrees with its size). */
function isBinaryLine(line: string): boolean {
  const count = lineByteCount(line[0] ?? "");
  if (count === undefined) return false;
  const rest = line.slice(1);
  return rest.length === Math.ceil(count / 4) * 5 && [...rest].every((c) => DIGIT.has(c));
}

function lineByteCount(prefix: string): number | undefined {
  if (prefix >= "A" && prefix <= "Z") return prefix.charCodeAt(0) - 64;
  if (prefix >= "a" && prefix <= "z") return prefix.charCodeAt(0) - 96 + 26;
  return undefined;
}

export function literalChunk(data: Uint8Array): BinaryChunk {
  const deflated = deflateSync(data);
  const lines: string[] = [];
  for (let start = 0; start < deflated.length; start += BYTES_PER_LINE) {
    const part = deflated.subarray(start, start + BYTES_PER_LINE);
    const prefix =
      part.length <= 26
        ? String.fromCharCode(64 + part.length)
        : String.fromCharCode(96 + part.length - 26);
    lines.push(prefix + encodeBase85(part));
  }
  return { method: "literal", size: data.length, lines };
}

/** The new content a chunk describes; `old` is needed for deltas. */
export function applyBinaryChunk(chunk: BinaryChunk, old: Uint8Array): Uint8Array {
  // The size is of the inflated chunk: the content for a literal, the delta itself for a delta.
  const inflated = inflate(decodeLines(chunk.lines));
  if (inflated.length !== chunk.size) {
    throw new BinaryPatchError(
      `binary data is ${inflated.length} bytes, the patch says ${chunk.size}`,
    );
  }
  return chunk.method === "literal" ? inflated : applyDelta(old, inflated);
}

function inflate(data: Uint8Array): Uint8Array {
  try {
    const inflated = inflateSync(data);
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  } catch {
    throw new BinaryPatchError("binary data is not valid zlib data");
  }
}

function encodeBase85(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 4) {
    let value = 0;
    for (let j = 0; j < 4; j++) value = value * 256 + (bytes[i + j] ?? 0);
    const group = new Array<string>(5);
    for (let k = 4; k >= 0; k--) {
      group[k] = ALPHABET[value % 85]!;
      value = Math.floor(value / 85);
    }
    text += group.join("");
  }
  return text;
}

function decodeLines(lines: readonly string[]): Uint8Array {
  const bytes: number[] = [];
  for (const line of lines) {
    if (!isBinaryLine(line)) throw new BinaryPatchError(`corrupt binary patch line “${line}”`);
    const count = lineByteCount(line[0]!)!;
    const decoded: number[] = [];
    for (let i = 1; i < line.length; i += 5) {
      let value = 0;
      for (let k = 0; k < 5; k++) value = value * 85 + DIGIT.get(line[i + k]!)!;
      if (value > 0xffffffff) throw new BinaryPatchError(`corrupt binary patch line “${line}”`);
      decoded.push(value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
    }
    bytes.push(...decoded.slice(0, count));
  }
  return Uint8Array.from(bytes);
}

/** Git's delta format (patch-delta.c): two sizes, then copy-from-old and insert opcodes. */
function applyDelta(old: Uint8Array, delta: Uint8Array): Uint8Array {
  let at = 0;
  const size = (): number => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = delta[at++] ?? 0;
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80 && at < delta.length);
    return value;
  };
  if (size() !== old.length) {
    throw new BinaryPatchError("binary delta was made against different content");
  }
  const out = new Uint8Array(size());
  let written = 0;
  while (at < delta.length) {
    const op = delta[at++]!;
    if (op & 0x80) {
      let offset = 0;
      let length = 0;
      for (let bit = 0; bit < 4; bit++) if (op & (1 << bit)) offset += delta[at++]! * 256 ** bit;
      for (let bit = 0; bit < 3; bit++) if (op & (16 << bit)) length += delta[at++]! * 256 ** bit;
      if (length === 0) length = 0x10000;
      if (offset + length > old.length || written + length > out.length) {
        throw new BinaryPatchError("binary delta copies outside its data");
      }
      out.set(old.subarray(offset, offset + length), written);
      written += length;
    } else if (op > 0) {
      if (at + op > delta.length || written + op > out.length) {
        throw new BinaryPatchError("binary delta inserts outside its data");
      }
      out.set(delta.subarray(at, at + op), written);
      at += op;
      written += op;
    } else {
      throw new BinaryPatchError("binary delta has an invalid opcode");
    }
  }
  if (written !== out.length) throw new BinaryPatchError("binary delta is truncated");
  return out;
}

/** Reads the chunks after a `GIT binary patch` line: the forward one, and the reverse if present. */
export function readBinaryPatch(
  lines: readonly string[],
  start: number,
  file: string,
): { binaryPatch: NonNullable<FileDiff["binaryPatch"]>; end: number } {
  const forward = parseBinaryChunk(lines, start, file);
  if (!forward) throw new PatchParseError(`GIT binary patch of ${file} has no data`, start + 1);
  const reverse = parseBinaryChunk(lines, forward.end, file);
  return {
    binaryPatch: { forward: forward.chunk, ...(reverse && { reverse: reverse.chunk }) },
    end: reverse?.end ?? forward.end,
  };
}

function parseBinaryChunk(
  lines: readonly string[],
  start: number,
  file: string,
): { chunk: BinaryChunk; end: number } | undefined {
  const match = CHUNK_LINE.exec(lines[start] ?? "");
  if (!match) return undefined;
  const data: string[] = [];
  let i = start + 1;
  for (; i < lines.length && lines[i] !== ""; i++) {
    if (!isBinaryLine(lines[i]!)) {
      throw new PatchParseError(`corrupt GIT binary patch data for ${file}`, i + 1);
    }
    data.push(lines[i]!);
  }
  if (data.length === 0)
    throw new PatchParseError(`GIT binary patch of ${file} has no data`, i + 1);
  const chunk: BinaryChunk = {
    method: match[1] as BinaryChunk["method"],
    size: Number(match[2]),
    lines: data,
  };
  return { chunk, end: i < lines.length ? i + 1 : i };
}
