import { instanceState } from "./instance-account";

/*
 * Work done once for the whole instance, not once per process: dropping unused follows and
 * refreshing projects' repository copies. Where several processes share a PostgreSQL cache,
 * only the one holding the instance lock does it; every process keeps its timer, so a process
 * that takes the lock over does the work from its next tick on.
 */

/** Whether this process holds the instance: the only process, or the lock's holder. */
export function holdsInstance(): boolean {
  const lock = instanceState().lock;
  return !lock || lock.held;
}

/** Every `everyMs`, runs `duty` if this process holds the instance then; skips the tick if not. */
export function everyTickWhileHoldingInstance(
  everyMs: number,
  duty: () => Promise<unknown>,
  describe: string,
): NodeJS.Timeout {
  return setInterval(() => {
    if (!holdsInstance()) return;
    duty().catch((error) => console.error(`[instance] ${describe} failed:`, error));
  }, everyMs).unref();
}
