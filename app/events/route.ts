import { canViewProject } from "@/lib/forge/projects/access";
import { changeBus } from "@/lib/events/bus";
import { describeSession } from "@/lib/events/session-state";
import { sseResponse } from "@/lib/events/sse";
import { viewerConnection } from "@/lib/http/browser-session";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events for one page: the project's cache changes (`?project=`), as they happen,
 * and the viewer's own XMPP session state (`session` events, on every page, for the header).
 * The browser reacts by re-rendering; nothing polls.
 */
export async function GET(request: Request): Promise<Response> {
  const projectId = new URL(request.url).searchParams.get("project") ?? "";
  const { viewer, state } = await viewerConnection();
  if (projectId && !(await canViewProject(projectId, viewer))) {
    return new Response("No access to this project", { status: 404 });
  }
  // Nothing to stream; 204 tells EventSource not to come back.
  if (!projectId && !state) return new Response(null, { status: 204 });

  return sseResponse(request, (send) => {
    const stops: (() => void)[] = [];
    if (state) send("session", state);
    if (viewer) {
      const session = viewer.session;
      const onStatus = () => send("session", describeSession(session));
      session.on("status", onStatus);
      stops.push(() => session.off("status", onStatus));
    }
    if (projectId) {
      stops.push(changeBus().subscribe(projectId, (change) => send("change", change)));
    }
    return () => stops.forEach((stop) => stop());
  });
}
