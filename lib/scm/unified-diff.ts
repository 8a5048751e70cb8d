import { pathOfFileLine, stripPrefix, unquotePathAt } from "./diff-paths";
import { PatchParseError } from "./errors";
import { readBinaryPatch } from "./git-binary";
import { clip, notText, patchLines } from "./patch-text";
import { parseHunks } from "./hunk-reader";
import type { FileDiff, FileStatus, Hunk } from "./types";

/**
 * The unified-diff reader both series formats share: `diff --git` blocks (what `git diff`,
 * `git format-patch` and `hg export --git` write) and plain `---`/`+++` diffs. Hunk line
 * counts are trusted and checked, since they are the only thing that says where a hunk ends
 * (`hg export` starts the next changeset right after the last hunk line, and `-- ` after a
 * format-patch diff would otherwise read as a deleted line).
 */

const INDEX_LINE = /^index ([0-9a-f]{4,64})\.\.([0-9a-f]{4,64})(?: ([0-7]{6}))?$/;

/** Parses a text that holds one or more file diffs, with any text around them (a message). */
export function parseUnifiedDiff(text: string): FileDiff[] {
  const lines = patchLines(text);
  const files: FileDiff[] = [];
  let i = 0;
  for (;;) {
    while (i < lines.length && !isFileDiffStart(lines, i)) i++;
    if (i >= lines.length) break;
    const parsed = parseFileDiffs(lines, i);
    files.push(...parsed.files);
    i = parsed.end;
  }
  if (files.length === 0) throw new PatchParseError(notADiff(lines));
  return files;
}

export function isFileDiffStart(lines: readonly string[], i: number): boolean {
  const line = lines[i] ?? "";
  if (line.startsWith("diff --git ")) return true;
  if (line.startsWith("diff ")) return isPlainStart(lines, i + 1);
  return isPlainStart(lines, i);
}

function isPlainStart(lines: readonly string[], i: number): boolean {
  return (
    (lines[i] ?? "").startsWith("--- ") &&
    (lines[i + 1] ?? "").startsWith("+++ ") &&
    (lines[i + 2] ?? "").startsWith("@@ ")
  );
}

/**
 * Reads consecutive file diffs from `start` (where `isFileDiffStart` holds) and says where
 * they end: at the first line that belongs to no file diff. Errors give 1-based line numbers
 * in `lines`, which may be a whole series.
 */
export function parseFileDiffs(
  lines: readonly string[],
  start: number,
): { files: FileDiff[]; end: number } {
  const files: FileDiff[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i]!;
    let parsed: { file: FileDiff; end: number };
    if (line.startsWith("diff --git ")) parsed = parseGitFile(lines, i);
    else if (line.startsWith("diff ") && isPlainStart(lines, i + 1))
      parsed = parsePlainFile(lines, i + 1);
    else if (isPlainStart(lines, i)) parsed = parsePlainFile(lines, i);
    else break;
    files.push(parsed.file);
    i = parsed.end;
    rejectStrayHunkLine(lines, i, parsed.file);
  }
  return { files, end: i };
}

// A hunk line right after a file's last hunk means the header's counts are wrong: the
// patch was edited by hand or damaged, and reading on would drop or misplace lines.
function rejectStrayHunkLine(lines: readonly string[], i: number, file: FileDiff): void {
  const line = lines[i];
  if (line === undefined || line === "-- " || isPlainStart(lines, i) || !/^[-+ ]/.test(line))
    return;
  const last = file.hunks.at(-1);
  throw new PatchParseError(
    last
      ? `${file.newPath} has a line after hunk “${last.header}” that its line counts leave out: “${clip(line)}”`
      : `unexpected “${clip(line)}” after the header of ${file.newPath}`,
    i + 1,
  );
}

interface GitHeaders {
  oldMode?: string;
  newMode?: string;
  deletedMode?: string;
  newFileMode?: string;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  similarity?: number;
  index?: { oldId: string; newId: string; mode?: string };
}

const HEADER_READERS: [string, (headers: GitHeaders, value: string) => boolean][] = [
  ["old mode ", (h, v) => setMode(v, (m) => (h.oldMode = m))],
  ["new mode ", (h, v) => setMode(v, (m) => (h.newMode = m))],
  ["deleted file mode ", (h, v) => setMode(v, (m) => (h.deletedMode = m))],
  ["new file mode ", (h, v) => setMode(v, (m) => (h.newFileMode = m))],
  ["rename from ", (h, v) => setPath(v, (p) => (h.renameFrom = p))],
  ["rename to ", (h, v) => setPath(v, (p) => (h.renameTo = p))],
  ["copy from ", (h, v) => setPath(v, (p) => (h.copyFrom = p))],
  ["copy to ", (h, v) => setPath(v, (p) => (h.copyTo = p))],
  ["similarity index ", (h, v) => setPercent(v, (p) => (h.similarity = p))],
  ["dissimilarity index ", (h, v) => setPercent(v, () => undefined)],
];

function setMode(value: string, set: (mode: string) => void): boolean {
  if (!/^[0-7]{6}$/.test(value)) return false;
  set(value);
  return true;
}

function setPath(value: string, set: (path: string) => void): boolean {
  const name = value.startsWith('"') ? unquotePathAt(value)?.name : value;
  if (name === undefined || name === "") return false;
  set(name);
  return true;
}

function setPercent(value: string, set: (percent: number) => void): boolean {
  const match = /^(\d{1,3})%$/.exec(value);
  if (!match) return false;
  set(Number(match[1]));
  return true;
}

function parseGitFile(lines: readonly string[], start: number): { file: FileDiff; end: number } {
  const headerLine = lines[start]!;
  const names = gitHeaderNames(headerLine.slice("diff --git ".length));
  const headers: GitHeaders = {};
  let sawHeader = false;
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const index = INDEX_LINE.exec(line);
    if (index) {
      headers.index = { oldId: index[1]!, newId: index[2]!, mode: index[3] };
      sawHeader = true;
      continue;
    }
    const reader = HEADER_READERS.find(([prefix]) => line.startsWith(prefix));
    if (!reader) break;
    if (!reader[1](headers, line.slice(reader[0].length))) {
      throw new PatchParseError(`malformed header “${clip(line)}”`, i + 1);
    }
    sawHeader = true;
  }

  let minus: string | null | undefined;
  let plus: string | null | undefined;
  let hunks: Hunk[] = [];
  let binary = false;
  let binaryPatch: FileDiff["binaryPatch"];
  const label = headers.renameTo ?? headers.copyTo ?? names?.newPath ?? headerLine;
  const line = lines[i] ?? "";
  if (line.startsWith("--- ") && (lines[i + 1] ?? "").startsWith("+++ ")) {
    minus = pathOfFileLine(line.slice(4));
    plus = pathOfFileLine(lines[i + 1]!.slice(4));
    if (minus === undefined || plus === undefined) {
      throw new PatchParseError("malformed file name in ---/+++ lines", i + 1);
    }
    ({ hunks, end: i } = parseHunks(lines, i + 2, plus ?? minus ?? label));
    if (hunks.length === 0) {
      throw new PatchParseError(`no hunk after the ---/+++ lines of ${plus ?? minus}`, i + 1);
    }
  } else if (/^Binary files .* differ$/.test(line)) {
    binary = true;
    i += 1;
  } else if (line === "GIT binary patch") {
    binary = true;
    ({ binaryPatch, end: i } = readBinaryPatch(lines, i + 1, label));
  } else if (!sawHeader) {
    throw new PatchParseError(`“${clip(headerLine)}” is followed by no change`, start + 1);
  }

  const oldPath = headers.renameFrom ?? headers.copyFrom ?? minus ?? names?.oldPath;
  const newPath = headers.renameTo ?? headers.copyTo ?? plus ?? names?.newPath;
  if (oldPath === undefined && newPath === undefined) {
    throw new PatchParseError(`cannot tell the file names in “${clip(headerLine)}”`, start + 1);
  }
  const status: FileStatus =
    headers.deletedMode !== undefined || plus === null
      ? "deleted"
      : headers.newFileMode !== undefined || minus === null
        ? "added"
        : headers.renameFrom !== undefined
          ? "renamed"
          : headers.copyFrom !== undefined
            ? "copied"
            : "modified";
  const oldMode = headers.deletedMode ?? headers.oldMode ?? headers.index?.mode;
  const newMode = headers.newFileMode ?? headers.newMode ?? headers.index?.mode;
  const file: FileDiff = {
    oldPath: (oldPath ?? newPath)!,
    newPath: (newPath ?? oldPath)!,
    status,
    binary,
    ...(oldMode !== undefined && status !== "added" && { oldMode }),
    ...(newMode !== undefined && status !== "deleted" && { newMode }),
    ...(headers.similarity !== undefined && { similarity: headers.similarity }),
    ...(headers.index && { index: { oldId: headers.index.oldId, newId: headers.index.newId } }),
    ...(binaryPatch && { binaryPatch }),
    hunks,
  };
  return { file, end: i };
}

/**
 * The two names of `diff --git a/x b/y`. Unquoted names may hold spaces, so the split is
 * the one giving equal names (true of everything but renames and copies, whose names the
 * `rename`/`copy` headers give anyway).
 */
function gitHeaderNames(rest: string): { oldPath: string; newPath: string } | undefined {
  if (rest.startsWith('"')) {
    const first = unquotePathAt(rest);
    if (!first || rest[first.length] !== " ") return undefined;
    const second = secondName(rest.slice(first.length + 1));
    return second === undefined
      ? undefined
      : { oldPath: stripPrefix(first.name), newPath: stripPrefix(second) };
  }
  const quotedSecond = rest.indexOf(' "');
  if (quotedSecond >= 0) {
    const second = secondName(rest.slice(quotedSecond + 1));
    return second === undefined
      ? undefined
      : { oldPath: stripPrefix(rest.slice(0, quotedSecond)), newPath: stripPrefix(second) };
  }
  const spaces = [...rest.matchAll(/ /g)].map((match) => match.index);
  const equal = equalSplit(rest, spaces);
  if (equal) return equal;
  const only = spaces.length === 1 ? spaces[0]! : undefined;
  return only === undefined
    ? undefined
    : { oldPath: stripPrefix(rest.slice(0, only)), newPath: stripPrefix(rest.slice(only + 1)) };
}

// The split at a space whose two sides, less their first directory, are the same name. Found
// by lengths and one comparison: cutting and comparing at every space was quadratic on a line
// of many spaces.
function equalSplit(
  rest: string,
  spaces: readonly number[],
): { oldPath: string; newPath: string } | undefined {
  const firstSlash = rest.indexOf("/");
  let slashAfter = -1;
  for (const at of spaces) {
    if (slashAfter !== -1 || at === spaces[0]) {
      if (slashAfter <= at) slashAfter = rest.indexOf("/", at + 1);
    }
    const oldStart = firstSlash >= 0 && firstSlash < at ? firstSlash + 1 : 0;
    const newStart = slashAfter >= 0 ? slashAfter + 1 : at + 1;
    if (at - oldStart !== rest.length - newStart) continue;
    const name = rest.slice(newStart);
    if (rest.slice(oldStart, at) === name) return { oldPath: name, newPath: name };
  }
  return undefined;
}

function secondName(text: string): string | undefined {
  if (!text.startsWith('"')) return text;
  const quoted = unquotePathAt(text);
  return quoted && quoted.length === text.length ? quoted.name : undefined;
}

function parsePlainFile(lines: readonly string[], start: number): { file: FileDiff; end: number } {
  const minus = pathOfFileLine(lines[start]!.slice(4));
  const plus = pathOfFileLine(lines[start + 1]!.slice(4));
  if (minus === undefined || plus === undefined || (minus === null && plus === null)) {
    throw new PatchParseError("malformed file name in ---/+++ lines", start + 1);
  }
  // Like `patch`, a plain diff between two names changes the shorter one (`x` for `x.orig`/`x`).
  const path =
    minus === null ? plus! : plus === null ? minus : minus.length < plus.length ? minus : plus;
  const { hunks, end } = parseHunks(lines, start + 2, path);
  const status: FileStatus = minus === null ? "added" : plus === null ? "deleted" : "modified";
  return { file: { oldPath: path, newPath: path, status, binary: false, hunks }, end };
}

function notADiff(lines: readonly string[]): string {
  return (
    notText(lines.join("\n")) ??
    "no file diff found: a patch needs a “diff --git” line or “---”/“+++” lines followed by “@@” hunks"
  );
}
