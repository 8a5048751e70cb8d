import { readableProjectIds } from "@/lib/forge/projects/access";
import { recentlyActive, type RecentItem } from "@/lib/forge/dashboard/my-work";
import type { Viewer } from "@/lib/forge/viewer";

/** Items on a profile page: enough to see what someone works on. */
const PROFILE_ACTIVITY_SIZE = 20;

/** The latest tickets and merge requests `jid` filed, in projects this viewer may read. */
export async function publicActivity(jid: string, viewer: Viewer | null): Promise<RecentItem[]> {
  return recentlyActive(
    await readableProjectIds(viewer),
    { authors: [jid] },
    PROFILE_ACTIVITY_SIZE,
  );
}
