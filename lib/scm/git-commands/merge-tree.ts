import { gitWrite } from "./cli";

/**
 * The tree a merge of `ours` and `theirs` gives (`git merge-tree --write-tree`: merge-ort in
 * the object store, no working copy, no ref moved), and the files that conflict. With
 * conflicts the tree holds conflict markers and must not be committed.
 */
export async function mergeTree(
  gitdir: string,
  ours: string,
  theirs: string,
): Promise<{ tree: string; conflicts: string[] }> {
  const { stdout } = await gitWrite(
    gitdir,
    ["merge-tree", "--write-tree", "--name-only", "--no-messages", "-z", ours, theirs],
    { acceptExitCodes: [1] },
  );
  const [tree = "", ...files] = stdout.toString("utf8").split("\0");
  return { tree, conflicts: [...new Set(files.filter((file) => file !== ""))] };
}
