import { gitWrite } from "./cli";

/** Whether `ancestor` is in the history of `descendant` (itself included). */
export async function isAncestor(
  gitdir: string,
  ancestor: string,
  descendant: string,
): Promise<boolean> {
  const { code } = await gitWrite(gitdir, ["merge-base", "--is-ancestor", ancestor, descendant], {
    acceptExitCodes: [1],
  });
  return code === 0;
}
