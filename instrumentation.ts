/**
 * Next.js calls this once when the server starts: bring up the instance session, and the
 * hourly sweep that drops its follows nobody uses.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { instanceSession } = await import("@/lib/forge/federation/instance");
  const { startUnusedFollowSweep } = await import("@/lib/forge/federation/unused-follows");
  void instanceSession();
  startUnusedFollowSweep();
}
