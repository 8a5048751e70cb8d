import { z } from "zod";
import { ScmError } from "../errors";
import { parseIdentity } from "../identity";
import type { Blame, BlameCommit, BlameLine, ChangesetSummary } from "../types";
import { HgDateSchema, isoOfHgDate } from "./log-json";

const Hex40 = z.string().regex(/^[0-9a-f]{40}$/);

// What `hg annotate -T json -c -u -d -l` prints for one file (the fields Pubforge reads).
const Annotation = z
  .array(
    z.object({
      lines: z.array(
        z.object({
          node: Hex40,
          lineno: z.number().int().positive(),
          line: z.string(),
          user: z.string(),
          date: HgDateSchema,
        }),
      ),
    }),
  )
  .length(1);

/** The changesets an annotation names, for the summaries to look up. */
export function annotatedChangesets(json: string): string[] {
  return [...new Set(readAnnotation(json).map((line) => line.node))];
}

/**
 * `hg annotate -T json` output as a Blame, with each changeset's summary line taken from
 * `summaries` (`hg log` of the changesets it names). Malformed input is an ScmError.
 */
export function blameOfAnnotation(json: string, summaries: readonly ChangesetSummary[]): Blame {
  const subjects = new Map(summaries.map((s) => [s.id, s.message.split("\n")[0] ?? ""]));
  const commits = new Map<string, BlameCommit>();
  const lines: BlameLine[] = readAnnotation(json).map((line) => {
    if (!commits.has(line.node)) {
      commits.set(line.node, {
        id: line.node,
        author: parseIdentity(line.user),
        date: isoOfHgDate(line.date),
        summary: subjects.get(line.node) ?? "",
      });
    }
    return {
      commit: line.node,
      originalLine: line.lineno,
      text: line.line.endsWith("\n") ? line.line.slice(0, -1) : line.line,
    };
  });
  return { lines, commits };
}

function readAnnotation(json: string) {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new ScmError("hg annotate printed something other than JSON", { cause });
  }
  const parsed = Annotation.safeParse(value);
  if (!parsed.success) throw new ScmError("hg annotate printed an unexpected format");
  return parsed.data[0]!.lines;
}
