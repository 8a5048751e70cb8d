import type { Instrumentation } from "next";
import { PAGE_OFFER_HEADER, pageCache } from "@/lib/http/page-cache";

/**
 * Next.js calls this once when the server starts: bring up the instance session, the hourly
 * sweep that drops its follows nobody uses, the refreshes of projects' repository copies, and
 * the sweep sending notification messages left waiting.
 * On a PostgreSQL cache, which several processes may share, changes are relayed between them
 * and only the process holding the instance lock opens the instance session. The anonymous page
 * cache is handed to server.mjs, which answers from it in front of Next.js.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { databaseUrl, isPostgresUrl } = await import("@/lib/cache/db");
  const { holdInstanceThroughPostgres, instanceSession } =
    await import("@/lib/forge/federation/instance");
  const { startUnusedFollowSweep } = await import("@/lib/forge/federation/unused-follows");
  const { startPullMirrorSchedule } = await import("@/lib/forge/repositories/pull-schedule");
  const { startNotificationSweep } = await import("@/lib/forge/notifications/delivery");
  const { installPageCacheServer } = await import("@/lib/http/page-cache-server");
  installPageCacheServer();
  const url = databaseUrl();
  if (isPostgresUrl(url)) {
    const { fanOutChangesThroughPostgres } = await import("@/lib/events/postgres-fanout");
    await fanOutChangesThroughPostgres(url);
    await holdInstanceThroughPostgres(url);
  }
  void instanceSession();
  startUnusedFollowSweep();
  startPullMirrorSchedule();
  startNotificationSweep();
}

/**
 * A page that failed while it rendered is not kept for anonymous visitors: once its first
 * bytes are sent, Next.js answers 200 with the error boundary in it, which the page cache
 * would otherwise keep until the project changes.
 */
export const onRequestError: Instrumentation.onRequestError = (_error, request) => {
  // Withdrawn at once, not after an import: the response may be ending meanwhile.
  const renderId = request.headers[PAGE_OFFER_HEADER];
  if (typeof renderId === "string") pageCache().takeOffer(renderId);
};
