import git from "isomorphic-git";
import type { Branch } from "../types";
import { openRepo } from "./repo";

export async function branches(dir: string): Promise<Branch[]> {
  const repo = await openRepo(dir);
  const names = await git.listBranches({ ...repo });
  return Promise.all(
    names.sort().map(async (name) => ({
      name,
      head: await git.resolveRef({ ...repo, ref: `refs/heads/${name}` }),
    })),
  );
}
