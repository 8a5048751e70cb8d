/** Next.js calls this once when the server starts: bring up the instance session. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { instanceSession } = await import("@/lib/forge/federation/instance");
  void instanceSession();
}
