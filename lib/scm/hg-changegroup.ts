import type { Duplex } from "node:stream";
import { oneLine, relayFrames, TO_PERSON } from "./proc-receive";

/**
 * Mercurial's side of a push for review: after hgweb stores the pushed changesets in the
 * push's scratch copy, its `changegroup` hook pipes `$HG_NODE $HG_NODE_LAST` into the same
 * relay Git's proc-receive hook uses (scripts/git-hooks/proc-receive), and what `handler`
 * says comes back as `remote: …` lines. The changesets are already in; the hook only reports.
 */
export type ChangegroupHandler = (
  nodes: { first: string; last: string },
  say: (line: string) => void,
) => Promise<void>;

const NODES = /^([0-9a-f]{40}) ([0-9a-f]{40})\n?$/;
/** Two node ids and a space: anything longer is not what the hook sends. */
const MAX_INPUT = 128;

/** The hook's one line, or undefined when it is not two node ids. */
export function parseChangegroupLine(text: string): { first: string; last: string } | undefined {
  const match = NODES.exec(text);
  return match ? { first: match[1]!, last: match[2]! } : undefined;
}

export async function converseChangegroup(
  stream: Duplex,
  handler: ChangegroupHandler,
): Promise<void> {
  const input = await new Promise<string>((resolve, reject) => {
    let text = "";
    stream.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (text.length > MAX_INPUT) stream.destroy(new Error("the hook sent too much"));
    });
    stream.on("end", () => resolve(text));
    stream.on("error", reject);
  });
  const say = (line: string) => {
    for (const frame of relayFrames(TO_PERSON, Buffer.from(`${oneLine(line)}\n`, "utf8"))) {
      stream.write(frame);
    }
  };
  const nodes = parseChangegroupLine(input);
  if (!nodes) return say("Pubforge could not read which changesets were pushed.");
  await handler(nodes, say);
}
