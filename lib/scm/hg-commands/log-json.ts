import { z } from "zod";
import { isoDate } from "../dates";
import { parseIdentity } from "../identity";
import type { ChangesetSummary } from "../types";

const NULL_ID = "0".repeat(40);

/**
 * Mercurial's date: Unix time and the offset in seconds west of UTC, within what a date can be
 * (a repository can record any number, and an absurd one must not become a RangeError).
 */
export const HgDateSchema = z.tuple([
  z.number().min(-62_135_596_800).max(253_402_300_799),
  z.number().min(-86_400).max(86_400),
]);

export function isoOfHgDate([seconds, offsetWest]: z.infer<typeof HgDateSchema>): string {
  return isoDate({ seconds, offsetMinutes: -Math.round(offsetWest / 60) });
}

// What `hg log -T json` prints for each changeset (the fields Pubforge reads).
const LogEntry = z.object({
  node: z.string().regex(/^[0-9a-f]{40}$/),
  parents: z.array(z.string()),
  user: z.string(),
  date: HgDateSchema,
  desc: z.string(),
});

export function summariesOfLogJson(json: string): ChangesetSummary[] {
  return z
    .array(LogEntry)
    .parse(JSON.parse(json))
    .map((entry) => ({
      id: entry.node,
      parents: entry.parents.filter((parent) => parent !== NULL_ID),
      author: parseIdentity(entry.user),
      date: isoOfHgDate(entry.date),
      message: entry.desc,
    }));
}
