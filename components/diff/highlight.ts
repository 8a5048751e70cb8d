/**
 * Server-side syntax highlighting for diff lines. highlight.js escapes every piece of code text
 * it emits and adds only `<span class="hljs-…">` tags, so its output is safe to inject; anything
 * it does not highlight goes through `escapeHtml` instead.
 */
import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import c from "highlight.js/lib/languages/c";
import cpp from "highlight.js/lib/languages/cpp";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import lua from "highlight.js/lib/languages/lua";
import markdown from "highlight.js/lib/languages/markdown";
import python from "highlight.js/lib/languages/python";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import typescript from "highlight.js/lib/languages/typescript";
import xml from "highlight.js/lib/languages/xml";
import yaml from "highlight.js/lib/languages/yaml";
import type { Hunk } from "@/lib/scm/types";

const LANGUAGES = {
  bash,
  c,
  cpp,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  lua,
  markdown,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
};
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);

export type LanguageName = keyof typeof LANGUAGES;

// Maps, not object literals: a file named `constructor` must not find `Object.prototype`.
const BY_EXTENSION = new Map<string, LanguageName>(
  Object.entries({
    ts: "typescript",
    tsx: "typescript",
    mts: "typescript",
    cts: "typescript",
    js: "javascript",
    jsx: "javascript",
    mjs: "javascript",
    cjs: "javascript",
    json: "json",
    py: "python",
    pyi: "python",
    rs: "rust",
    go: "go",
    c: "c",
    h: "c",
    cc: "cpp",
    cpp: "cpp",
    cxx: "cpp",
    hh: "cpp",
    hpp: "cpp",
    hxx: "cpp",
    java: "java",
    css: "css",
    html: "xml",
    htm: "xml",
    xhtml: "xml",
    xml: "xml",
    svg: "xml",
    md: "markdown",
    markdown: "markdown",
    sh: "bash",
    bash: "bash",
    zsh: "bash",
    yml: "yaml",
    yaml: "yaml",
    diff: "diff",
    patch: "diff",
    lua: "lua",
    sql: "sql",
  } satisfies Record<string, LanguageName>),
);

/** Whole file names that say more than their (missing) extension. */
const BY_NAME = new Map<string, LanguageName>([
  [".bashrc", "bash"],
  [".profile", "bash"],
  [".zshrc", "bash"],
]);

/**
 * Bigger inputs are shown as plain text: highlighting is linear but not cheap, and a reviewer
 * of a 5,000-line file gains little from colour compared with a page that renders quickly.
 */
export const MAX_HIGHLIGHT_LINES = 5000;
export const MAX_HIGHLIGHT_CHARS = 500_000;
/** Minified code: one huge line makes the grammar's regexes slow and the colour useless. */
export const MAX_HIGHLIGHT_LINE_LENGTH = 5000;

/** The highlight.js language for a path, or `undefined` for plain text. */
export function languageFor(path: string): LanguageName | undefined {
  const name = (path.split("/").pop() ?? "").toLowerCase();
  const byName = BY_NAME.get(name);
  if (byName) return byName;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? BY_EXTENSION.get(name.slice(dot + 1)) : undefined;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * Per-line safe HTML for consecutive lines of one file side. The lines are highlighted as one
 * text, so a string or comment spanning lines is coloured right, and the result is then cut at
 * the newlines with the open spans closed and reopened on each line (`splitHighlighted`).
 */
export function highlightLines(
  path: string,
  lines: readonly string[],
  language: string | null | undefined = languageFor(path),
): string[] {
  const plain = () => lines.map(plainLine);
  if (!language || !hljs.getLanguage(language) || tooBig(lines)) return plain();
  try {
    const html = hljs.highlight(lines.join("\n"), { language, ignoreIllegals: true }).value;
    const split = splitHighlighted(html);
    return split && split.length === lines.length ? split : plain();
  } catch {
    return plain();
  }
}

/**
 * Past this, a line is cut where it is shown: one 20 MB line (a minified bundle, or a hostile
 * patch) would otherwise be 20 MB of page. The .patch download has it whole.
 */
export const MAX_SHOWN_LINE_CHARS = 10_000;

/** Escaped text of a line, cut after MAX_SHOWN_LINE_CHARS with a note saying how much is not shown. */
export function plainLine(text: string): string {
  if (text.length <= MAX_SHOWN_LINE_CHARS) return escapeHtml(text);
  const rest = (text.length - MAX_SHOWN_LINE_CHARS).toLocaleString("en");
  return `${escapeHtml(text.slice(0, MAX_SHOWN_LINE_CHARS))}<span class="diff-cut">… ${rest} more characters not shown</span>`;
}

function tooBig(lines: readonly string[]): boolean {
  if (lines.length > MAX_HIGHLIGHT_LINES) return true;
  let chars = 0;
  for (const line of lines) {
    if (line.length > MAX_HIGHLIGHT_LINE_LENGTH) return true;
    chars += line.length;
  }
  return chars > MAX_HIGHLIGHT_CHARS;
}

const TOKEN = /<span class="[^"<>]*">|<\/span>|\n|[^<\n]+/g;

/**
 * Cuts highlight.js output into lines, each with balanced spans. Returns `undefined` when the
 * input holds anything but spans and text (which highlight.js never emits): then the caller
 * falls back to escaped plain text instead of passing on markup it does not understand.
 */
export function splitHighlighted(html: string): string[] | undefined {
  const lines: string[] = [];
  const open: string[] = [];
  let current = "";
  let consumed = 0;
  for (const match of html.matchAll(TOKEN)) {
    const token = match[0];
    if (match.index !== consumed) return undefined;
    consumed += token.length;
    if (token === "\n") {
      lines.push(current + "</span>".repeat(open.length));
      current = open.join("");
    } else {
      if (token === "</span>") {
        if (!open.pop()) return undefined;
      } else if (token.startsWith("<span")) open.push(token);
      current += token;
    }
  }
  if (consumed !== html.length) return undefined;
  lines.push(current + "</span>".repeat(open.length));
  return lines;
}

/**
 * Safe HTML for each line of a hunk, indexed like `hunk.lines` (`""` for `noeol` markers). Each
 * side is highlighted as its own text, since the old and new files may parse differently; a
 * context line takes its new-side colour. Hunks are highlighted separately: the text between
 * them is missing, and a cut string or comment should not colour the next hunk too.
 */
export function highlightHunk(
  path: string,
  hunk: Hunk,
  language: string | null | undefined = languageFor(path),
): string[] {
  const html = hunk.lines.map(() => "");
  for (const side of ["old", "new"] as const) {
    const drop = side === "old" ? "add" : "del";
    const indexes: number[] = [];
    hunk.lines.forEach((line, index) => {
      if (line.kind !== "noeol" && line.kind !== drop) indexes.push(index);
    });
    // The old side only adds colour to deleted lines; skip it when there are none.
    if (side === "old" && !hunk.lines.some((line) => line.kind === "del")) continue;
    const lines = highlightLines(
      path,
      indexes.map((index) => hunk.lines[index]!.text),
      language,
    );
    indexes.forEach((index, i) => {
      if (side === "new" || hunk.lines[index]!.kind === "del") html[index] = lines[i]!;
    });
  }
  return html;
}
