import type { Duplex, Readable } from "node:stream";
import {
  encodePktLine,
  FLUSH_PKT,
  type Packet,
  PktLineDecoder,
  PktLineError,
  packetText,
} from "./pkt-line";

/**
 * The proc-receive hook's conversation (githooks(5), "proc-receive"), spoken by the Node
 * process serving the push: `git receive-pack` hands the hook the commands for the refs set
 * by `receive.procReceiveRefs` and the push options; the hook answers `ok <ref>` or
 * `ng <ref> <reason>` for each. The hook itself (scripts/git-hooks/proc-receive) only relays
 * bytes between Git and this process, in frames of its own: pkt-lines whose first byte says
 * whether the rest goes to Git (1) or to the person pushing (2, printed as `remote: …`).
 */

export interface ProcReceiveCommand {
  readonly oldOid: string;
  readonly newOid: string;
  readonly ref: string;
}

export type ProcReceiveResult =
  | { readonly ref: string; readonly ok: true }
  | { readonly ref: string; readonly ok: false; readonly reason: string };

export interface ProcReceivePush {
  readonly commands: readonly ProcReceiveCommand[];
  readonly pushOptions: readonly string[];
}

/** Decides every command of a push; `say` prints a line to the person pushing. */
export type ProcReceiveHandler = (
  push: ProcReceivePush,
  say: (line: string) => void,
) => Promise<readonly ProcReceiveResult[]>;

/** More than this is refused whole: a merge request per ref is plenty for one push. */
export const MAX_COMMANDS = 32;
export const MAX_PUSH_OPTIONS = 32;
/** What all push options together may weigh (a description is the largest). */
export const MAX_PUSH_OPTION_BYTES = 64 * 1024;
/** What may wait unread on the socket: Git sends a few pkt-lines and then waits. */
const MAX_PENDING_BYTES = 1024 * 1024;

export const TO_GIT = 1;
export const TO_PERSON = 2;

const OID = "(?:[0-9a-f]{40}|[0-9a-f]{64})";
const COMMAND = new RegExp(`^(${OID}) (${OID}) (refs/[^\\s\\0]+)$`);

/** One command line as Git sends it, or undefined when it is not one. */
export function parseCommand(line: string): ProcReceiveCommand | undefined {
  const match = COMMAND.exec(line);
  return match ? { oldOid: match[1]!, newOid: match[2]!, ref: match[3]! } : undefined;
}

/** `version=1\0feature feature…`: the features Git offers, or undefined for another version. */
export function parseVersionLine(line: string): Set<string> | undefined {
  const [version, features = ""] = line.split("\0", 2);
  if (version !== "version=1") return undefined;
  return new Set(features.split(" ").filter(Boolean));
}

/** A frame for the relay: a pkt-line carrying `channel` then `data`, cut to fit. */
export function relayFrames(channel: number, data: Uint8Array): Buffer[] {
  const frames: Buffer[] = [];
  const room = 65516 - 1;
  for (let start = 0; start < data.length; start += room) {
    const part = data.subarray(start, start + room);
    frames.push(encodePktLine(Buffer.concat([Buffer.of(channel), part])));
  }
  return frames;
}

/** Reads packets off a stream, one at a time, as they arrive. */
export function packetReader(stream: Readable): () => Promise<Packet> {
  const decoder = new PktLineDecoder();
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  stream.on("data", (chunk: Buffer) => {
    decoder.push(chunk);
    if (decoder.pending > MAX_PENDING_BYTES) {
      failure = new PktLineError("the hook sent more than the conversation holds");
      stream.destroy();
    }
    wakeUp();
  });
  stream.on("end", () => {
    ended = true;
    wakeUp();
  });
  stream.on("error", (error) => {
    failure = error;
    wakeUp();
  });
  return async () => {
    for (;;) {
      if (failure) throw failure;
      const packet = decoder.next();
      if (packet) return packet;
      if (ended) throw new PktLineError("the conversation ended in the middle");
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
}

/** The lines up to the next flush; past `max` lines (or `maxBytes`) they are counted, not kept. */
async function readSection(
  read: () => Promise<Packet>,
  max: number,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<{ lines: string[]; overflow: boolean }> {
  const lines: string[] = [];
  let bytes = 0;
  let overflow = false;
  for (let packet = await read(); packet.kind === "data"; packet = await read()) {
    bytes += packet.payload.length;
    if (lines.length >= max || bytes > maxBytes) overflow = true;
    else lines.push(packetText(packet.payload));
  }
  return { lines, overflow };
}

/** One line for Git's report: no newline or control character may break the pkt-line. */
export const oneLine = (text: string) =>
  text.replace(/[\u0000-\u001f\u007f]+/g, " ").slice(0, 1000);

/**
 * Holds the conversation with one proc-receive hook on `stream` and lets `handler` decide.
 * Every command gets an answer; a handler that fails, or a push Pubforge refuses whole (too
 * many refs or options), gets `ng` for all.
 */
export async function converseProcReceive(
  stream: Duplex,
  handler: ProcReceiveHandler,
): Promise<void> {
  const read = packetReader(stream);
  const send = (channel: number, data: Uint8Array) => {
    for (const frame of relayFrames(channel, data)) stream.write(frame);
  };
  const toGit = (line: string) => send(TO_GIT, encodePktLine(`${line}\n`));
  const say = (line: string) => send(TO_PERSON, Buffer.from(`${oneLine(line)}\n`, "utf8"));

  const version = await readSection(read, 4);
  const features = version.lines[0] === undefined ? undefined : parseVersionLine(version.lines[0]);
  if (!features) throw new PktLineError("Git offered no proc-receive version Pubforge speaks");
  const withOptions = features.has("push-options");
  toGit(`version=1\0${withOptions ? "push-options" : ""}`);
  send(TO_GIT, FLUSH_PKT);

  const commandLines = await readSection(read, MAX_COMMANDS);
  const commands = commandLines.lines.map((line) => {
    const command = parseCommand(line);
    if (!command) throw new PktLineError("Git sent a command Pubforge cannot read");
    return command;
  });
  const options = withOptions
    ? await readSection(read, MAX_PUSH_OPTIONS, MAX_PUSH_OPTION_BYTES)
    : { lines: [], overflow: false };

  let results: readonly ProcReceiveResult[];
  if (commandLines.overflow || options.overflow) {
    const why = commandLines.overflow
      ? `a push may update at most ${MAX_COMMANDS} refs under refs/for/`
      : `at most ${MAX_PUSH_OPTIONS} push options of ${MAX_PUSH_OPTION_BYTES / 1024} KiB in all`;
    results = commands.map(({ ref }) => ({ ref, ok: false, reason: why }));
  } else {
    try {
      results = await handler({ commands, pushOptions: options.lines }, say);
    } catch (error) {
      console.error("[proc-receive] the push could not be handled", error);
      const reason = "Pubforge failed to handle this push; nothing was published";
      results = commands.map(({ ref }) => ({ ref, ok: false, reason }));
    }
  }
  for (const { ref } of commands) {
    const result = results.find((candidate) => candidate.ref === ref);
    if (result?.ok) toGit(`ok ${ref}`);
    else toGit(`ng ${ref} ${oneLine(result?.reason ?? "not handled")}`);
  }
  send(TO_GIT, FLUSH_PKT);
}
