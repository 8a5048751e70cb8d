import { findThreadLock } from "@/lib/cache/moderation";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";

/**
 * Pubforge's own half of a lock: nobody but the maintainers it names posts to a locked thread
 * through Pubforge, whether or not the thread's service enforces the lock.
 */
export async function refuseIfLocked(
  viewer: Viewer,
  projectId: string,
  thread: { jid: string; node: string },
): Promise<void> {
  const lock = await findThreadLock(projectId, thread.jid, thread.node);
  if (lock && !(JSON.parse(lock.allowed) as string[]).includes(viewer.jid)) {
    throw new ForgeError("thread-locked", { by: lock.lockedBy });
  }
}
