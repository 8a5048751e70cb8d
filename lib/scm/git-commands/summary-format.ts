import { isoDate } from "../dates";
import { ScmError } from "../errors";
import type { ChangesetSummary } from "../types";

/**
 * `git log` options that print each commit as a ChangesetSummary's fields, NUL-separated
 * (`-z` puts a NUL between commits too), the message last: names and messages may hold any
 * other character, and Git keeps NUL out of both.
 */
export const SUMMARY_OPTIONS = [
  "-z",
  "--format=%H%x00%P%x00%an%x00%ae%x00%ad%x00%B",
  "--date=raw",
  "--no-color",
  "--no-decorate",
  "--no-show-signature",
] as const;

const FIELDS = 6;

/** The commits `git log` printed with SUMMARY_OPTIONS. */
export function parseSummaries(output: string): ChangesetSummary[] {
  if (output === "") return [];
  const fields = output.split("\0");
  // `-z` separates commits and does not end the last one; tolerate a final NUL all the same.
  if (fields.length % FIELDS === 1 && fields.at(-1) === "") fields.pop();
  if (fields.length % FIELDS !== 0) throw new ScmError("git log printed an unexpected format");
  const summaries: ChangesetSummary[] = [];
  for (let i = 0; i < fields.length; i += FIELDS) {
    const [id, parents, name, email, date, message] = fields.slice(i, i + FIELDS) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const summary = summaryOf({ id, parents, name, email, date, message });
    if (!summary) throw new ScmError("git log printed an unexpected format");
    summaries.push(summary);
  }
  return summaries;
}

/**
 * A ChangesetSummary from the fields as `git log` prints them with SUMMARY_OPTIONS (parents
 * space-separated, the date `--date=raw`), or undefined when the id or the date is not in
 * that form. Commit objects read whole (commit-object.ts) go through here too, so both
 * readers give the same summary.
 */
export function summaryOf(fields: {
  id: string;
  parents: string;
  name: string;
  email: string;
  date: string;
  message: string;
}): ChangesetSummary | undefined {
  const when = /^(\d+) ([+-])(\d\d)(\d\d)$/.exec(fields.date);
  if (!/^[0-9a-f]{40}$/.test(fields.id) || !when) return undefined;
  const offset = (Number(when[3]) * 60 + Number(when[4])) * (when[2] === "-" ? -1 : 1);
  return {
    id: fields.id,
    parents: fields.parents === "" ? [] : fields.parents.split(" "),
    author: { name: fields.name, email: fields.email },
    date: isoDate({ seconds: Number(when[1]), offsetMinutes: offset }),
    message: fields.message.replace(/\n+$/, ""),
  };
}
