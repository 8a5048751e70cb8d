import { gitWrite } from "./cli";

/** The commit a full ref or commit id names, or undefined (`git rev-parse --verify`). */
export async function commitOf(gitdir: string, name: string): Promise<string | undefined> {
  const { stdout, code } = await gitWrite(
    gitdir,
    ["rev-parse", "--verify", "--quiet", "--end-of-options", `${name}^{commit}`],
    { acceptExitCodes: [1, 128] },
  );
  return code === 0 ? stdout.toString("utf8").trim() : undefined;
}
