import { ScmError } from "../errors";

/**
 * A reader of what `git cat-file --batch-command` writes: per command, a header line
 * (`<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous`), then for `contents` of
 * an object found, exactly `<size>` bytes and a newline. The reader is told each reply it is
 * to expect, in order, with the most content it accepts: a header line is read up to
 * MAX_HEADER_BYTES, content only up to the caller's cap, and anything else is an ScmError.
 * Each byte is looked at once and copied at most once, whatever the chunks' sizes.
 */

export type ObjectType = "blob" | "tree" | "commit" | "tag";

export type BatchReply =
  | {
      readonly kind: "found";
      readonly oid: string;
      readonly type: ObjectType;
      readonly size: number;
      /** For `contents`: the object's bytes. */
      readonly content?: Buffer;
    }
  /** Git names no such object, or several (an ambiguous short id). */
  | { readonly kind: "missing" };

export interface ExpectedReply {
  /** The object name as the command gave it: git repeats it when it finds nothing. */
  readonly object: string;
  /** `contents` (bytes follow the header) rather than `info`. */
  readonly withContent: boolean;
  /** Content accepted at most; a larger object is a protocol error. */
  readonly maxBytes: number;
}

/** The longest header: an object name (a revision, an id with a suffix) and a word. */
export const MAX_HEADER_BYTES = 8 * 1024;

const FOUND = /^([0-9a-f]{40}|[0-9a-f]{64}) (blob|tree|commit|tag) (\d{1,15})$/;
const NEWLINE = 10;

export class BatchReplyReader {
  // A queue read from `next` on: shifting an array of thousands of replies is quadratic.
  private expected: ExpectedReply[] = [];
  private next = 0;
  private state: "header" | "content" | "end" = "header";
  private parts: Buffer[] = [];
  private partsLength = 0;
  private header: { oid: string; type: ObjectType; size: number } | undefined;

  expect(reply: ExpectedReply): void {
    this.expected.push(reply);
  }

  /** The replies completed by `chunk`; an ScmError when the output is not what was asked for. */
  push(chunk: Buffer): BatchReply[] {
    const replies: BatchReply[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.state === "header") {
        const newline = chunk.indexOf(NEWLINE, at);
        const end = newline < 0 ? chunk.length : newline;
        this.keep(chunk.subarray(at, end));
        if (this.partsLength > MAX_HEADER_BYTES) throw protocol("a header line is too long");
        if (newline < 0) return replies;
        at = newline + 1;
        const reply = this.readHeader(this.take().toString("utf8"));
        if (reply) replies.push(reply);
      } else if (this.state === "content") {
        const wanted = this.header!.size - this.partsLength;
        const end = Math.min(chunk.length, at + wanted);
        this.keep(chunk.subarray(at, end));
        at = end;
        if (this.partsLength === this.header!.size) this.state = "end";
      } else {
        if (chunk[at] !== NEWLINE) throw protocol("an object's content does not end its reply");
        at++;
        replies.push({ kind: "found", ...this.header!, content: this.take() });
        this.header = undefined;
        this.state = "header";
      }
    }
    return replies;
  }

  private readHeader(line: string): BatchReply | undefined {
    const expected = this.expected[this.next++];
    if (!expected) throw protocol("git wrote a reply nobody asked for");
    if (this.next === this.expected.length) {
      this.expected = [];
      this.next = 0;
    }
    if (line === `${expected.object} missing` || line === `${expected.object} ambiguous`) {
      return { kind: "missing" };
    }
    const found = FOUND.exec(line);
    if (!found) throw protocol("a header line is not in git's form");
    const header = { oid: found[1]!, type: found[2] as ObjectType, size: Number(found[3]) };
    if (!expected.withContent) return { kind: "found", ...header };
    if (header.size > expected.maxBytes) throw protocol("an object is larger than was asked for");
    this.header = header;
    this.state = header.size === 0 ? "end" : "content";
    return undefined;
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.parts.push(part);
    this.partsLength += part.length;
  }

  private take(): Buffer {
    const whole = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.partsLength = 0;
    return whole;
  }
}

function protocol(what: string): ScmError {
  return new ScmError(`git cat-file: ${what}`);
}
