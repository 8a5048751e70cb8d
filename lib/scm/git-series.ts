import { isoOfMailDate, mailDateOfIso } from "./dates";
import { formatFileDiffs } from "./diff-writer";
import { PatchParseError } from "./errors";
import { parseIdentity } from "./identity";
import { decodeHeader, encodeHeader, readHeaders } from "./mail-header";
import { clip, findLine, patchLines, skipBlankLines, trimBlankLines } from "./patch-text";
import type { Changeset, FileDiff, Identity, Series } from "./types";
import { isFileDiffStart, parseFileDiffs } from "./unified-diff";

/**
 * `git format-patch` mbox text: one mail per commit, each starting with the fixed
 * `From <sha> Mon Sep 17 00:00:00 2001` line; the message runs to `---`, then come an optional
 * diffstat, the diff, and a `-- ` signature. This is also what Pubforge writes for `git am`.
 */

const FROM_LINE = /^From ([0-9a-f]{40}) Mon Sep 17 00:00:00 2001$/;
// `[PATCH]`, `[PATCH v2 3/7]`, `[RFC PATCH 1/2]`: format-patch's own prefix, not the subject.
// Read in two linear steps: one pattern looking ahead for `\d+/\d+` anywhere in the bracket
// was quadratic on a long run of digits.
const BRACKET_PREFIX = /^\s*\[([^\]]*)\]\s*/;
const PREFIX_MARK = /PATCH|(?<!\d)\d+\/\d/i;
const TRAILER_LINE = /^(?:base-commit|prerequisite-patch-id): [0-9a-f]+$/;
const PLAIN_ENCODINGS = new Set(["7bit", "8bit", "binary"]);

export function isFormatPatchStart(line: string): boolean {
  return FROM_LINE.test(line);
}

export function parseGitSeries(text: string): Series {
  const lines = patchLines(text);
  let i = skipBlankLines(lines, 0);
  if (i < lines.length && !FROM_LINE.test(lines[i]!)) {
    throw new PatchParseError(
      "not git format-patch output: it must start with “From <commit id> Mon Sep 17 00:00:00 2001”",
      i + 1,
    );
  }
  const mails: Mail[] = [];
  while (i < lines.length) {
    const mail = parseMail(lines, i, mails.length + 1);
    mails.push(mail);
    i = mail.end;
  }
  const patches = mails.filter((mail) => !mail.coverLetter);
  if (patches.length === 0) throw new PatchParseError("the text holds no patch");
  const base = mails.find((mail) => mail.baseCommit)?.baseCommit;
  const changesets = patches.map(({ changeset }, index): Changeset => ({
    ...changeset,
    parents: index > 0 ? [patches[index - 1]!.changeset.id] : base ? [base] : [],
  }));
  return { kind: "git", text, changesets };
}

interface Mail {
  changeset: Changeset;
  coverLetter: boolean;
  baseCommit?: string;
  end: number;
}

function parseMail(lines: readonly string[], start: number, number: number): Mail {
  const id = FROM_LINE.exec(lines[start]!)![1]!;
  let i = start + 1;
  const headerEnd = findLine(lines, i, (line) => line.replace(/\r$/, "") === "");
  const headers = readHeaders(lines.slice(i, headerEnd));
  i = headerEnd + 1;
  const encoding = headers.get("content-transfer-encoding")?.toLowerCase();
  if (encoding !== undefined && !PLAIN_ENCODINGS.has(encoding)) {
    throw new PatchParseError(
      `patch ${number} is sent as ${encoding}; save the patch as git format-patch writes it`,
      start + 1,
    );
  }
  // format-patch --from moves the real author into "in-body" headers at the top of the body.
  const inBody = new Map<string, string>();
  const inBodyEnd = findLine(lines, i, (line) => !/^(From|Date|Subject): /.test(line));
  if (inBodyEnd > i && (lines[inBodyEnd] ?? "") === "") {
    for (const [name, value] of readHeaders(lines.slice(i, inBodyEnd))) inBody.set(name, value);
    i = inBodyEnd + 1;
  }
  const header = (name: string) => inBody.get(name) ?? headers.get(name);

  const bodyEnd = findLine(
    lines,
    i,
    (line, at) => line === "---" || isFileDiffStart(lines, at) || FROM_LINE.test(line),
  );
  const body = trimBlankLines(lines.slice(i, bodyEnd));
  i = bodyEnd;
  if (lines[i] === "---") {
    i = findLine(lines, i + 1, (line, at) => isFileDiffStart(lines, at) || FROM_LINE.test(line));
  }
  let files: FileDiff[] = [];
  if (isFileDiffStart(lines, i)) ({ files, end: i } = parseFileDiffs(lines, i));
  const trailer = readTrailer(lines, i, number);

  const rawSubject = decodeHeader(header("subject") ?? "");
  const prefix = subjectPrefix(rawSubject);
  const subject = rawSubject.slice(prefix.length).trim();
  const coverLetter = /\b0+\/\d+\]/.test(prefix) && files.length === 0;
  // `git am` refuses a patch without a diff, so a series holding one cannot be applied.
  if (files.length === 0 && !coverLetter) {
    throw new PatchParseError(`patch ${number} (“${clip(subject)}”) has no diff`, start + 1);
  }
  const changeset: Changeset = {
    id,
    parents: [],
    author: author(header("from"), number, start),
    date: date(header("date"), number, start),
    message: body.length > 0 ? `${subject}\n\n${body.join("\n")}` : subject,
    files,
  };
  return {
    changeset,
    coverLetter,
    ...(trailer.baseCommit && { baseCommit: trailer.baseCommit }),
    end: trailer.end,
  };
}

function subjectPrefix(subject: string): string {
  const bracket = BRACKET_PREFIX.exec(subject);
  return bracket && PREFIX_MARK.test(bracket[1]!) ? bracket[0] : "";
}

// After the diff: blank lines, format-patch --base's trailers, then the `-- ` signature up to
// the next mail. Anything else is a damaged patch, since `git am` would drop it silently.
function readTrailer(
  lines: readonly string[],
  start: number,
  number: number,
): { baseCommit?: string; end: number } {
  let baseCommit: string | undefined;
  let i = start;
  for (; i < lines.length && !FROM_LINE.test(lines[i]!); i++) {
    const line = lines[i]!;
    if (line === "-- ") return { baseCommit, end: findLine(lines, i, (l) => FROM_LINE.test(l)) };
    if (line.trim() === "") continue;
    if (!TRAILER_LINE.test(line)) {
      throw new PatchParseError(
        `unexpected “${clip(line)}” after the diff of patch ${number}`,
        i + 1,
      );
    }
    if (line.startsWith("base-commit: ")) baseCommit = line.slice("base-commit: ".length);
  }
  return { baseCommit, end: i };
}

function author(from: string | undefined, number: number, line: number): Identity {
  const identity = from === undefined ? undefined : parseIdentity(decodeHeader(from));
  if (!identity || (identity.name === "" && identity.email === "")) {
    throw new PatchParseError(`patch ${number} has no From: header naming its author`, line + 1);
  }
  return identity;
}

function date(value: string | undefined, number: number, line: number): string {
  const iso = value === undefined ? undefined : isoOfMailDate(value);
  if (iso === undefined)
    throw new PatchParseError(`patch ${number} has no valid Date: header`, line + 1);
  return iso;
}

/**
 * Writes changesets as `git format-patch --stdout` would, for `git am`. The subject is the
 * message's first paragraph on one line, as Git makes it; the first patch names its parent
 * as `base-commit` when known.
 */
export function formatPatch(changesets: readonly Changeset[]): string {
  return changesets
    .map((changeset, index) => {
      const paragraphs = changeset.message.split(/\n[ \t]*\n/);
      const subject = paragraphs[0]!
        .split("\n")
        .map((line) => line.trim())
        .join(" ");
      const body = changeset.message.slice(paragraphs[0]!.length).replace(/^\s*\n/, "");
      const date = mailDateOfIso(changeset.date);
      if (date === undefined)
        throw new TypeError(`changeset ${changeset.id} has an invalid date ${changeset.date}`);
      const prefix =
        changesets.length > 1 ? `[PATCH ${index + 1}/${changesets.length}]` : "[PATCH]";
      const base = index === 0 ? changeset.parents[0] : undefined;
      return [
        `From ${changeset.id} Mon Sep 17 00:00:00 2001\n`,
        `From: ${mailbox(changeset.author)}\n`,
        `Date: ${date}\n`,
        `Subject: ${prefix} ${encodeHeader(subject)}\n`,
        "MIME-Version: 1.0\n",
        "Content-Type: text/plain; charset=UTF-8\n",
        "Content-Transfer-Encoding: 8bit\n",
        "\n",
        body === "" ? "" : `${body}\n`,
        "---\n",
        formatFileDiffs(changeset.files),
        base ? `\nbase-commit: ${base}\n` : "",
        "-- \nPubforge\n\n",
      ].join("");
    })
    .join("");
}

function mailbox({ name, email }: Identity): string {
  const encoded = encodeHeader(name);
  // RFC 5322 specials in a plain name need quotes; encoded words must not be quoted.
  const phrase =
    encoded === name && /[()<>[\]:;@\\,."]/.test(name)
      ? `"${name.replace(/(["\\])/g, "\\$1")}"`
      : encoded;
  return `${phrase} <${email}>`;
}
