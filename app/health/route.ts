import { config } from "@/lib/config";
import { instanceHealth, instanceSession } from "@/lib/forge/federation/instance";

export const dynamic = "force-dynamic";

/**
 * For operators and tests: is this instance connected to XMPP, and which home services of the
 * projects it follows are away. 503 while the instance session is not online; 200 with status
 * "standby" in a process that leaves the session to another one (several processes, PostgreSQL);
 * there `process` names which one answered (the proxy's cookie sends a browser to one process).
 */
export async function GET(): Promise<Response> {
  await instanceSession().catch(() => undefined);
  const health = { ...instanceHealth(), process: config().PUBFORGE_PROCESS_NAME };
  return Response.json(health, {
    status: ["online", "standby"].includes(health.status) ? 200 : 503,
  });
}
