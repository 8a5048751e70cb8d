/**
 * Git's pkt-line framing (gitprotocol-common(5)): four hex digits giving the length of the
 * line including themselves, then the payload; `0000` is a flush. Git speaks it to the
 * proc-receive hook, and Pubforge's hook relay reuses it for its own frames.
 */

/** The longest pkt-line Git writes or accepts: 65516 bytes of payload. */
export const MAX_PKT_LINE = 65520;

export const FLUSH_PKT = Buffer.from("0000", "latin1");

export type Packet = { kind: "flush" } | { kind: "data"; payload: Buffer };

export class PktLineError extends Error {}

export function encodePktLine(payload: string | Uint8Array): Buffer {
  const bytes = typeof payload === "string" ? Buffer.from(payload, "utf8") : Buffer.from(payload);
  const length = bytes.length + 4;
  if (length > MAX_PKT_LINE) throw new PktLineError(`a pkt-line of ${length} bytes is too long`);
  return Buffer.concat([Buffer.from(length.toString(16).padStart(4, "0"), "latin1"), bytes]);
}

/** The payload as text without the newline Git usually ends it with. */
export function packetText(payload: Buffer): string {
  const text = payload.toString("utf8");
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

const HEX4 = /^[0-9a-f]{4}$/;

/**
 * Cuts a byte stream into packets as it arrives. Chunks are kept as they come and each byte
 * is copied once, into the packet that holds it, so reading costs time linear in the input
 * however the stream is split.
 */
export class PktLineDecoder {
  private chunks: Buffer[] = [];
  private first = 0; // chunks before it are used up (shifting an array each time is not linear)
  private offset = 0; // into chunks[first]
  private buffered = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.buffered += chunk.length;
  }

  /** The next whole packet, undefined until enough has arrived; a PktLineError for garbage. */
  next(): Packet | undefined {
    if (this.buffered < 4) return undefined;
    const header = this.peek(4).toString("latin1");
    if (!HEX4.test(header)) throw new PktLineError("not a pkt-line length");
    const length = Number.parseInt(header, 16);
    if (length === 0) {
      this.take(4);
      return { kind: "flush" };
    }
    // 0001 and 0002 are protocol v2's delimiters, which proc-receive never sends.
    if (length < 4) throw new PktLineError(`unexpected special packet ${header}`);
    if (length > MAX_PKT_LINE) throw new PktLineError(`a pkt-line of ${length} bytes is too long`);
    if (this.buffered < length) return undefined;
    this.take(4);
    return { kind: "data", payload: this.take(length - 4) };
  }

  /** Bytes received and not yet part of a packet. */
  get pending(): number {
    return this.buffered;
  }

  private peek(count: number): Buffer {
    const parts: Buffer[] = [];
    let needed = count;
    for (let index = this.first; needed > 0; index++) {
      const chunk = this.chunks[index]!;
      const start = index === this.first ? this.offset : 0;
      const part = chunk.subarray(start, start + needed);
      parts.push(part);
      needed -= part.length;
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  private take(count: number): Buffer {
    const taken = this.peek(count);
    this.buffered -= count;
    let left = count;
    while (left > 0) {
      const available = this.chunks[this.first]!.length - this.offset;
      if (available > left) {
        this.offset += left;
        left = 0;
      } else {
        left -= available;
        this.first++;
        this.offset = 0;
      }
    }
    if (this.first > 1024 && this.first * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.first);
      this.first = 0;
    }
    // A caller keeps packets long after the stream moves on: give it bytes of its own.
    return Buffer.from(taken);
  }
}
