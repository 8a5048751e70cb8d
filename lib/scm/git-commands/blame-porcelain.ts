import { isoDate } from "../dates";
import { ScmError } from "../errors";
import type { Blame, BlameCommit, BlameLine } from "../types";

const HEADER = /^([0-9a-f]{40}) (\d+) (\d+)(?: \d+)?$/;
const ZONE = /^([+-])(\d\d)(\d\d)$/;

interface Partial {
  name?: string;
  email?: string;
  time?: number;
  zone?: number;
  summary?: string;
}

/**
 * `git blame --porcelain` output, read in one pass: each line of the file is a header
 * (`<commit> <original line> <final line> [<count>]`), the commit's details the first time it
 * appears (`author …`, `summary …`, …), then the line itself after a tab. Anything else is an
 * ScmError: the text comes from a repository someone else filled.
 */
export function parseBlamePorcelain(text: string): Blame {
  const rows = text.split("\n");
  if (rows.at(-1) === "") rows.pop();
  const details = new Map<string, Partial>();
  const lines: BlameLine[] = [];
  let current: { commit: string; originalLine: number } | undefined;
  const fail = (index: number, why: string) =>
    new ScmError(`git blame printed an unexpected line ${index + 1}: ${why}`);

  rows.forEach((row, index) => {
    if (current === undefined) {
      const header = HEADER.exec(row);
      if (!header) throw fail(index, "a line header was expected");
      if (Number(header[3]) !== lines.length + 1) throw fail(index, "lines out of order");
      current = { commit: header[1]!, originalLine: Number(header[2]) };
      if (!details.has(current.commit)) details.set(current.commit, {});
    } else if (row.startsWith("\t")) {
      lines.push({ ...current, text: row.slice(1) });
      current = undefined;
    } else {
      readDetail(details.get(current.commit)!, row);
    }
  });
  if (current !== undefined) throw fail(rows.length - 1, "the last line has no text");

  const commits = new Map<string, BlameCommit>();
  for (const [id, partial] of details) {
    const { name, email = "", time, zone = 0, summary = "" } = partial;
    if (name === undefined || time === undefined) {
      throw new ScmError(`git blame printed no author for ${id}`);
    }
    commits.set(id, {
      id,
      author: { name, email },
      date: isoDate({ seconds: time, offsetMinutes: zone }),
      summary,
    });
  }
  return { lines, commits };
}

function readDetail(partial: Partial, row: string): void {
  const space = row.indexOf(" ");
  const key = space < 0 ? row : row.slice(0, space);
  const value = space < 0 ? "" : row.slice(space + 1);
  if (key === "author") partial.name = value;
  else if (key === "author-mail") partial.email = value.replace(/^<(.*)>$/, "$1");
  else if (key === "author-time" && /^\d{1,12}$/.test(value)) partial.time = Number(value);
  else if (key === "author-tz") {
    const zone = ZONE.exec(value);
    if (zone) partial.zone = (Number(zone[2]) * 60 + Number(zone[3])) * (zone[1] === "-" ? -1 : 1);
  } else if (key === "summary") partial.summary = value;
  // committer-*, previous, boundary, filename: not shown.
}
