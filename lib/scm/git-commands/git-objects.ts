import type { ChangesetSummary } from "../types";
import { summaryOf } from "./summary-format";

/**
 * Commit and tree objects as `git cat-file` gives them, read into what `git log` and
 * `git ls-tree` print of them. Only objects in the form Git itself writes are read: anything
 * else (an `encoding` header, a second author, a name Git would trim, an odd mode, a name
 * with a `/`, entries out of order) gives undefined, and the caller asks the git command,
 * whose answer for such objects is the reference. Both readers go once over the bytes.
 */

// Git's name runs to the first `<`, spaces before it dropped; the mail to the next `>`, the
// date after the last one. Names and mails with neither, one space between: the same.
const AUTHOR = /^author ([^<>\s](?:[^<>]*[^<>\s])?) <([^<>]*)> (\d{1,12}) ([+-]\d{4})$/;

/** A commit's summary exactly as `git log` with SUMMARY_OPTIONS gives it, or undefined. */
export function commitSummary(id: string, object: Buffer): ChangesetSummary | undefined {
  // git log reads the object as a C string (a NUL ends it) and re-encodes a declared encoding.
  if (object.includes(0)) return undefined;
  const text = object.toString("utf8");
  const end = text.indexOf("\n\n");
  if (end < 0) return undefined;
  const lines = text.slice(0, end).split("\n");
  if (!/^tree [0-9a-f]{40}$/.test(lines[0] ?? "")) return undefined;
  const parents: string[] = [];
  let line = 1;
  for (; line < lines.length && lines[line]!.startsWith("parent "); line++) {
    const parent = lines[line]!.slice("parent ".length);
    if (!/^[0-9a-f]{40}$/.test(parent) || parents.includes(parent)) return undefined;
    parents.push(parent);
  }
  let author: RegExpExecArray | undefined;
  for (; line < lines.length; line++) {
    const header = lines[line]!;
    if (header.startsWith(" ")) continue; // a multi-line header's continuation (gpgsig)
    if (/^(parent|encoding) /.test(header)) return undefined;
    if (!header.startsWith("author ")) continue;
    if (author) return undefined;
    author = AUTHOR.exec(header) ?? undefined;
    // git log prints the zone as a number: `-0000` comes out as `+0000`.
    if (!author || author[4] === "-0000") return undefined;
  }
  if (!author) return undefined;
  return summaryOf({
    id,
    parents: parents.join(" "),
    name: author[1]!,
    email: author[2]!,
    date: `${author[3]} ${author[4]}`,
    message: text.slice(end + 2),
  });
}

export type TreeObjectEntry = {
  /** As ls-tree prints it. */
  readonly mode: "100644" | "100755" | "120000" | "40000" | "160000";
  /** Decoded as ls-tree's output is; `bytes` as the tree holds it, to compare with a path. */
  readonly name: string;
  readonly bytes: Buffer;
  readonly oid: string;
};

const MODES = new Set(["100644", "100755", "120000", "40000", "160000"]);

/** A tree's entries in their order, or undefined if the tree is not as Git writes trees. */
export function treeEntries(object: Buffer, oidBytes: number): TreeObjectEntry[] | undefined {
  const entries: TreeObjectEntry[] = [];
  let previous: Buffer | undefined;
  const names = new Set<string>();
  let at = 0;
  while (at < object.length) {
    const space = object.indexOf(0x20, at);
    const nul = space < 0 ? -1 : object.indexOf(0, space);
    if (nul < 0 || nul + 1 + oidBytes > object.length) return undefined;
    const mode = object.toString("latin1", at, space);
    const nameBytes = object.subarray(space + 1, nul);
    if (!MODES.has(mode) || nameBytes.length === 0 || nameBytes.includes(0x2f)) return undefined;
    if (nameBytes.equals(Buffer.from(".")) || nameBytes.equals(Buffer.from(".."))) return undefined;
    // Git's order: by name, a tree's name as if it ended in `/`, each name once: then the
    // entry of a name is the one ls-tree's pathspec finds.
    const key = mode === "40000" ? Buffer.concat([nameBytes, Buffer.from("/")]) : nameBytes;
    if (previous && Buffer.compare(previous, key) >= 0) return undefined;
    previous = key;
    const name = nameBytes.toString("latin1");
    if (names.has(name)) return undefined; // a file and a directory of one name
    names.add(name);
    entries.push({
      mode: mode as TreeObjectEntry["mode"],
      name: nameBytes.toString("utf8"),
      bytes: nameBytes,
      oid: object.toString("hex", nul + 1, nul + 1 + oidBytes),
    });
    at = nul + 1 + oidBytes;
  }
  return entries;
}
