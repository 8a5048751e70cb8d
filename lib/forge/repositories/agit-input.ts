/**
 * What a push to refs/for/ says besides its commits, read from what the client sent (hostile
 * until checked): push options (`git push -o title=… -o description=… -o topic=…`) and the
 * ref's name. Limits on sizes come first, in lib/scm/proc-receive.ts; these only read.
 */

export interface PushOptions {
  readonly title?: string;
  readonly description?: string;
  readonly topic?: string;
  /** Names of options Pubforge does not know (told to the pusher, otherwise ignored). */
  readonly unknown: readonly string[];
}

/** Longest title the merge request form takes (NewMergeRequestSchema). */
const MAX_TITLE = 300;
const MAX_TOPIC = 100;
const BASE64 = "{base64}";
/** Branches tried for one ref: names deeper than this are not guessed at. */
const MAX_CANDIDATES = 8;

/**
 * `key=value` lines; the last of a key wins. A push option is one line, so a description
 * with line breaks comes as `description={base64}<text in base64>`, as Forgejo reads it.
 */
export function parsePushOptions(lines: readonly string[]): PushOptions {
  const known: { title?: string; description?: string; topic?: string } = {};
  const unknown: string[] = [];
  for (const line of lines) {
    const equals = line.indexOf("=");
    const key = equals < 0 ? line : line.slice(0, equals);
    const value = equals < 0 ? "" : line.slice(equals + 1);
    if (key === "title") known.title = value.trim().slice(0, MAX_TITLE);
    else if (key === "description") known.description = decodeDescription(value);
    else if (key === "topic") known.topic = cleanTopic(value);
    else if (unknown.length < 8) unknown.push(key.slice(0, 40));
  }
  return { ...known, unknown };
}

/** A topic names a ref and is shown: Git's safe characters only, and not too long. */
function cleanTopic(value: string): string | undefined {
  const topic = value
    .trim()
    .slice(0, MAX_TOPIC)
    .replace(/[^A-Za-z0-9._/-]/g, "-");
  return topic === "" ? undefined : topic;
}

function decodeDescription(value: string): string {
  if (!value.startsWith(BASE64)) return value;
  return Buffer.from(value.slice(BASE64.length), "base64").toString("utf8");
}

/** The branch and topic a refs/for/ ref may mean, most specific branch first. */
export function refsForCandidates(
  ref: string,
  topic: string | undefined,
): { branch: string; topic: string }[] {
  const rest = ref.startsWith("refs/for/") ? ref.slice("refs/for/".length) : "";
  if (rest === "") return [];
  if (topic) return [{ branch: rest, topic }];
  const candidates = [{ branch: rest, topic: "" }];
  for (
    let slash = rest.lastIndexOf("/");
    slash > 0 && candidates.length < MAX_CANDIDATES;
    slash = rest.lastIndexOf("/", slash - 1)
  ) {
    candidates.push({ branch: rest.slice(0, slash), topic: rest.slice(slash + 1) });
  }
  return candidates;
}
