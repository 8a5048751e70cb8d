// How a line scan sees one line of markdown (for markdown-limits.ts): its container markers,
// and whether it surely starts or ends a block. Each answer is safe for the limits: where it
// cannot be sure, it says what costs micromark more.

export interface Prefix {
  /** `>` and list markers at the start of the line. */
  markers: number;
  /** The first marker, when it is a list item's: "1" for `1.` or `1)`, the only ordered start that may interrupt a paragraph. */
  list?: "bullet" | "1" | "ordered";
  /** Columns of whitespace before the first marker (or the text). */
  indent: number;
  /** The containers the line is in, at most: its markers, and half its other indentation. */
  depth: number;
  /** Whether text follows the markers. */
  content: boolean;
  /** Where that text starts. */
  contentAt: number;
}

/** The block quote and list markers a line starts with, and how deep they put it. */
export function containerPrefix(text: string, start: number, end: number): Prefix {
  let at = start;
  let whitespace = 0;
  let markers = 0;
  let indent = 0;
  let list: Prefix["list"];
  for (;;) {
    while (at < end && (text[at] === " " || text[at] === "\t")) {
      whitespace += text[at] === "\t" ? 4 : 1;
      at++;
    }
    if (markers === 0) indent = whitespace;
    const marker = markerLength(text, at, end);
    if (marker === 0) break;
    if (markers === 0 && text[at] !== ">") {
      list = marker === 1 ? "bullet" : text.slice(at, at + marker - 1) === "1" ? "1" : "ordered";
    }
    markers++;
    at += marker;
  }
  // One space after each marker belongs to it; more is indentation inside the container.
  const depth = markers + Math.floor(Math.max(0, whitespace - markers) / 2);
  return { markers, list, indent, depth, content: at < end, contentAt: at };
}

/**
 * A line that surely starts a new paragraph (or none), whatever came before: a list item at
 * the margin with text in it. (An ordered item interrupts a paragraph only from 1, an empty
 * item never, and one indented four columns is a paragraph's continuation.)
 */
export function startsParagraph(prefix: Prefix): boolean {
  return prefix.content && prefix.indent <= 3 && (prefix.list === "bullet" || prefix.list === "1");
}

/** The length of a `>` or a list marker (`-`, `+`, `*`, `1.`, `1)`) at `at`, or 0. */
function markerLength(text: string, at: number, end: number): number {
  const char = text[at];
  if (at >= end || char === undefined) return 0;
  if (char === ">") return 1;
  const followedBySpace = (after: number) =>
    after >= end || text[after] === " " || text[after] === "\t";
  if ((char === "-" || char === "+" || char === "*") && followedBySpace(at + 1)) return 1;
  let digits = 0;
  while (digits < 10 && at + digits < end && isDigit(text.charCodeAt(at + digits))) digits++;
  if (digits === 0 || digits > 9) return 0;
  const delimiter = text[at + digits];
  return (delimiter === "." || delimiter === ")") && followedBySpace(at + digits + 1)
    ? digits + 1
    : 0;
}

/**
 * `[label]: destination` alone on its line, at the margin: a link reference definition
 * (micromark reads those as blocks of their own, so their brackets cost nothing). Anything
 * less plain (a title, `<…>`, parentheses) is left counted as text.
 */
export function isPlainDefinition(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && at - start < 3 && text[at] === " ") at++;
  if (text[at] !== "[") return false;
  let labelText = false;
  for (at++; at < end && text[at] !== "]"; at++) {
    const char = text[at]!;
    if (char === "[" || char === "\\" || at - start > 1000) return false;
    if (char !== " " && char !== "\t") labelText = true;
  }
  if (!labelText || text[at + 1] !== ":") return false;
  at += 2;
  while (at < end && (text[at] === " " || text[at] === "\t")) at++;
  let destination = 0;
  for (; at < end && text[at] !== " " && text[at] !== "\t"; at++, destination++) {
    if (!DESTINATION.test(text[at]!)) return false;
  }
  while (at < end && (text[at] === " " || text[at] === "\t")) at++;
  return destination > 0 && at === end;
}

const DESTINATION = /^[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]$/;

/** A line of nothing but whitespace and `>`: it ends any paragraph (and any table). */
export function onlyQuoteMarkers(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const char = text[at];
    if (char !== " " && char !== "\t" && char !== ">") return false;
  }
  return true;
}

/** For a line that may be a table's delimiter row (`|---|:-:|`), how many columns at most. */
export function delimiterRowColumns(text: string, start: number, end: number): number {
  let pipes = 0;
  let dashes = 0;
  for (let at = start; at < end; at++) {
    const char = text[at];
    if (char === "|") pipes++;
    else if (char === "-") dashes++;
    else if (char !== ":" && char !== " " && char !== "\t" && char !== ">") return 0;
  }
  return pipes > 0 && dashes > 0 ? pipes + 1 : 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ASCII punctuation, where micromark's inline constructs start; 10 is the line ending. */
export function isPunctuationOrBreak(code: number): boolean {
  return (
    code === 10 ||
    (code >= 33 && code <= 47) ||
    (code >= 58 && code <= 64) ||
    (code >= 91 && code <= 96) ||
    (code >= 123 && code <= 126)
  );
}

/** `at`, or one before it when `at` would split a surrogate pair. */
export function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code < 0xdc00 ? at - 1 : at;
}

/** An open fenced code block: its marker character and how many of them opened it. */
export interface Fence {
  readonly char: "`" | "~";
  readonly length: number;
}

/**
 * A fenced code block's opening line at the margin (three or more backticks or tildes; a
 * backtick fence's info string has no backtick), or undefined.
 */
export function fenceOpening(text: string, start: number, end: number): Fence | undefined {
  const char = text[start];
  if (char !== "`" && char !== "~") return undefined;
  let length = 0;
  while (start + length < end && text[start + length] === char) length++;
  if (length < 3) return undefined;
  if (char === "`" && text.slice(start + length, end).includes("`")) return undefined;
  return { char, length };
}

/** Whether a line closes `fence`: up to three spaces, as many markers or more, then only spaces. */
export function closesFence(text: string, start: number, end: number, fence: Fence): boolean {
  let at = start;
  while (at < end && at - start < 3 && text[at] === " ") at++;
  let length = 0;
  while (at < end && text[at] === fence.char) {
    length++;
    at++;
  }
  while (at < end && (text[at] === " " || text[at] === "\t")) at++;
  return length >= fence.length && at === end;
}

const MARKER_CHARACTERS = new Set([..." \t>-*+.)0123456789"]);

/** HTML blocks that may hold blank lines (CommonMark's kinds 1 to 5), by how they end. */
const HTML_BLOCK_ENDS: [opening: RegExp, end: string][] = [
  [/^<(script|pre|style|textarea)/i, "</"],
  [/^<!--/, "-->"],
  [/^<\?/, "?>"],
  [/^<!\[CDATA\[/, "]]>"],
  [/^<!/, ">"],
];

/**
 * When a line (after whitespace and container markers) opens an HTML block that a blank line
 * does not end, what ends it; undefined otherwise, or when the line ends it itself. (`</` for
 * `<pre>` and its kin: any closing tag is taken as maybe theirs, which errs towards open.)
 */
export function htmlBlockEnd(text: string, start: number, end: number): string | undefined {
  let at = start;
  while (at < end && MARKER_CHARACTERS.has(text[at]!)) at++;
  if (text[at] !== "<") return undefined;
  const line = text.slice(at, end);
  for (const [opening, ending] of HTML_BLOCK_ENDS) {
    const match = opening.exec(line);
    if (!match) continue;
    return line.includes(ending, match[0].length) ? undefined : ending;
  }
  return undefined;
}

/** Whether a line's text (after whitespace and `>`) starts with `[`: micromark tries it as a definition. */
export function mayDefine(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const char = text[at];
    if (char === "[") return true;
    if (char !== " " && char !== "\t" && char !== ">") return false;
  }
  return false;
}

/**
 * `===` or `---` (after any `>` and indentation) alone on a line: after a line of text, it
 * underlines it as a heading.
 */
export function isUnderline(text: string, start: number, end: number): boolean {
  let at = start;
  while (at < end && (text[at] === " " || text[at] === "\t" || text[at] === ">")) at++;
  const char = text[at];
  if (char !== "=" && char !== "-") return false;
  while (at < end && text[at] === char) at++;
  while (at < end && (text[at] === " " || text[at] === "\t")) at++;
  return at === end;
}
