import type { Identity } from "./types";

/**
 * `Name <email>` as Git, Mercurial and mail headers write it; a bare address or name is kept.
 * Found by index, not by a backtracking pattern: the text comes from strangers' patches, and
 * `^(.*?)\s*<…>` takes quadratic time on a long line of spaces.
 */
export function parseIdentity(text: string): Identity {
  const trimmed = text.trim();
  if (trimmed.endsWith(">")) {
    const open = trimmed.lastIndexOf("<", trimmed.length - 2);
    const email = open < 0 ? "" : trimmed.slice(open + 1, -1);
    if (open >= 0 && !email.includes(">")) {
      return { name: unquote(trimmed.slice(0, open).trimEnd()), email: email.trim() };
    }
  }
  return /^[^\s@]+@[^\s@]+$/.test(trimmed)
    ? { name: "", email: trimmed }
    : { name: trimmed, email: "" };
}

// A mail header may quote the name (`"A. Person" <a@example>`); the quotes are not part of it.
function unquote(name: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/.exec(name);
  return match ? match[1]!.replace(/\\(.)/g, "$1") : name;
}
