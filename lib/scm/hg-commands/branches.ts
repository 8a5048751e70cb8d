import { resolve } from "node:path";
import { z } from "zod";
import type { Branch } from "../types";
import { hg } from "./command";

const BranchEntry = z.object({ branch: z.string(), node: z.string().regex(/^[0-9a-f]{40}$/) });

/** The open named branches and their tips. */
export async function branches(dir: string): Promise<Branch[]> {
  const json = await hg(["branches", "-R", resolve(dir), "-T", "json"]);
  return z
    .array(BranchEntry)
    .parse(JSON.parse(json))
    .map((entry) => ({ name: entry.branch, head: entry.node }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}
