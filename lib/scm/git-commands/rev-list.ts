import { gitWrite } from "./cli";

/** The commits of `head` that `base` lacks, oldest first (`git rev-list --reverse base..head`). */
export async function commitsBetween(
  gitdir: string,
  base: string,
  head: string,
): Promise<string[]> {
  const { stdout } = await gitWrite(gitdir, ["rev-list", "--reverse", `${base}..${head}`]);
  return stdout.toString("utf8").split("\n").filter(Boolean);
}
