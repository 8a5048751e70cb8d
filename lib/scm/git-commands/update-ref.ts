import { CommandFailedError } from "../capped-process";
import { TargetMovedError } from "../errors";
import { gitWrite } from "./cli";

const NO_COMMIT = "0".repeat(40);

/**
 * Moves `ref` to `value` only if it still names `expected` (undefined: only if it does not
 * exist yet), as `git update-ref <ref> <new> <old>` does under Git's ref lock: a push through
 * `git http-backend` takes the same lock, so one of the two wins and the other is told.
 */
export async function updateRef(
  gitdir: string,
  ref: string,
  value: string,
  expected: string | undefined,
  branch: string = ref,
): Promise<void> {
  try {
    await gitWrite(gitdir, [
      "update-ref",
      "-m",
      "pubforge: merge",
      ref,
      value,
      expected ?? NO_COMMIT,
    ]);
  } catch (error) {
    if (error instanceof CommandFailedError) throw new TargetMovedError(branch);
    throw error;
  }
}
