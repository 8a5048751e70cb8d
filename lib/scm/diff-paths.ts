/**
 * File names in diff headers. Git C-quotes a name holding control characters, `"`, `\` or
 * (with the default core.quotePath) any non-ASCII byte: `"a/\303\274ber.txt"`.
 */

const ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  "\\": 92,
};
const ESCAPE_OF = new Map(Object.entries(ESCAPES).map(([letter, byte]) => [byte, letter]));

function needsQuoting(name: string): boolean {
  return /[\x00-\x1f"\\\x7f-\uffff]/.test(name);
}

export function quotePath(name: string): string {
  if (!needsQuoting(name)) return name;
  let quoted = '"';
  for (const byte of new TextEncoder().encode(name)) {
    const letter = ESCAPE_OF.get(byte);
    if (letter !== undefined) quoted += `\\${letter}`;
    else if (byte >= 0x20 && byte < 0x7f) quoted += String.fromCharCode(byte);
    else quoted += `\\${byte.toString(8).padStart(3, "0")}`;
  }
  return `${quoted}"`;
}

/**
 * Reads a quoted name at the start of `text` (which must start with `"`). Returns the name
 * and how many characters it took, or undefined when the quoting is broken.
 */
export function unquotePathAt(text: string): { name: string; length: number } | undefined {
  const bytes: number[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const name = new TextDecoder("utf-8", { fatal: false }).decode(new Uint8Array(bytes));
      return { name, length: i + 1 };
    }
    if (c !== "\\") {
      bytes.push(...new TextEncoder().encode(c));
      i += 1;
      continue;
    }
    const next = text[i + 1] ?? "";
    const octal = /^[0-3][0-7]{2}/.exec(text.slice(i + 1, i + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 4;
    } else if (next in ESCAPES) {
      bytes.push(ESCAPES[next]!);
      i += 2;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The path a `---`/`+++` line names, or null for `/dev/null`. A trailing tab starts a
 * timestamp (GNU diff, `hg diff` without --git). One leading directory is dropped, as
 * `git apply` and `hg import` do by default (`-p1`).
 */
export function pathOfFileLine(rest: string): string | null | undefined {
  let name: string;
  if (rest.startsWith('"')) {
    const quoted = unquotePathAt(rest);
    if (!quoted) return undefined;
    name = quoted.name;
  } else {
    name = rest.split("\t")[0]!.replace(/\s+$/, "");
  }
  if (name === "/dev/null") return null;
  return stripPrefix(name);
}

export function stripPrefix(name: string): string {
  const slash = name.indexOf("/");
  return slash < 0 ? name : name.slice(slash + 1);
}
