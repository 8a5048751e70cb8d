import type { Identity } from "./types";

/** `Name <email>` as Git, Mercurial and mail headers write it; a bare address or name is kept. */
export function parseIdentity(text: string): Identity {
  const match = /^(.*?)\s*<([^<>]*)>\s*$/.exec(text.trim());
  if (match) return { name: unquote(match[1]!), email: match[2]!.trim() };
  const bare = text.trim();
  return /^[^\s@]+@[^\s@]+$/.test(bare) ? { name: "", email: bare } : { name: bare, email: "" };
}

// A mail header may quote the name (`"A. Person" <a@example>`); the quotes are not part of it.
function unquote(name: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"$/.exec(name);
  return match ? match[1]!.replace(/\\(.)/g, "$1") : name;
}
