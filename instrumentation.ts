/**
 * Next.js calls this once when the server starts: bring up the instance session, the hourly
 * sweep that drops its follows nobody uses, and the refreshes of projects' repository copies.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { instanceSession } = await import("@/lib/forge/federation/instance");
  const { startUnusedFollowSweep } = await import("@/lib/forge/federation/unused-follows");
  const { startPullMirrorSchedule } = await import("@/lib/forge/repositories/pull-schedule");
  void instanceSession();
  startUnusedFollowSweep();
  startPullMirrorSchedule();
}
