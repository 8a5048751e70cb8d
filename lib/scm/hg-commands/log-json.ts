import { z } from "zod";
import { isoDate } from "../dates";
import { parseIdentity } from "../identity";
import type { ChangesetSummary } from "../types";

const NULL_ID = "0".repeat(40);

// What `hg log -T json` prints for each changeset (the fields Pubforge reads).
const LogEntry = z.object({
  node: z.string().regex(/^[0-9a-f]{40}$/),
  parents: z.array(z.string()),
  user: z.string(),
  // Unix time and Mercurial's offset, in seconds west of UTC.
  date: z.tuple([z.number(), z.number()]),
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
      date: isoDate({ seconds: entry.date[0], offsetMinutes: -Math.round(entry.date[1] / 60) }),
      message: entry.desc,
    }));
}
