import { resolve } from "node:path";
import { z } from "zod";
import type { RefTip } from "../types";
import { hg } from "./command";
import { summariesOfLogJson } from "./log-json";

/** Refs listed at most: a page of names, not a dump of a repository's every tag. */
export const MAX_REF_TIPS = 1000;

const Hex40 = z.string().regex(/^[0-9a-f]{40}$/);
const BranchList = z.array(z.object({ branch: z.string(), node: Hex40 }));
const BookmarkList = z.array(z.object({ bookmark: z.string(), node: Hex40 }));
const TagList = z.array(z.object({ tag: z.string(), node: Hex40 }));

/**
 * Named branches and bookmarks (which Mercurial users keep as Git users keep branches) by
 * name, or tags newest first (without `tip`, which is no tag anyone made).
 */
export async function refTips(dir: string, kind: "branch" | "tag"): Promise<RefTip[]> {
  const repository = resolve(dir);
  const list = async (command: string) =>
    JSON.parse(await hg([command, "-R", repository, "-T", "json"]));
  const refs =
    kind === "branch"
      ? [
          ...BranchList.parse(await list("branches")).map((e) => ({ name: e.branch, id: e.node })),
          ...BookmarkList.parse(await list("bookmarks")).map((e) => ({
            name: e.bookmark,
            id: e.node,
          })),
        ]
      : TagList.parse(await list("tags"))
          .filter((entry) => entry.tag !== "tip")
          .map((entry) => ({ name: entry.tag, id: entry.node }));
  const listed = refs.slice(0, MAX_REF_TIPS);
  if (listed.length === 0) return [];
  const ids = [...new Set(listed.map((ref) => ref.id))];
  const log = await hg(["log", "-R", repository, "-r", ids.join(" + "), "-T", "json"]);
  const commits = new Map(summariesOfLogJson(log).map((summary) => [summary.id, summary]));
  const tips = listed.flatMap(({ name, id }) => {
    const commit = commits.get(id);
    return commit ? [{ name, commit }] : [];
  });
  return kind === "branch"
    ? tips.sort((a, b) => (a.name < b.name ? -1 : 1))
    : tips.sort((a, b) => Date.parse(b.commit.date) - Date.parse(a.commit.date));
}
