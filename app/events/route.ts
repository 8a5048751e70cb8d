import { canViewProject } from "@/lib/forge/projects/access";
import { liveStream } from "@/lib/events/live-stream";
import { streamLimiter } from "@/lib/events/stream-limits";
import { viewerConnection } from "@/lib/http/browser-session";
import { clientAddress } from "@/lib/http/client-address";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events for one page: the project's cache changes (`?project=`), as they happen,
 * and the viewer's own XMPP session state (`session` events, on every page, for the header).
 * The browser reacts by re-rendering; nothing polls. Streams are capped per browser session,
 * per address and in all (lib/events/stream-limits.ts), and end with the viewer's session.
 */
export async function GET(request: Request): Promise<Response> {
  const projectId = new URL(request.url).searchParams.get("project") ?? "";
  const { viewer, state, sessionTag } = await viewerConnection();
  if (projectId && !(await canViewProject(projectId, viewer))) {
    return new Response("No access to this project", { status: 404 });
  }
  // Nothing to stream: 204 ends this EventSource (the tab asks again much later).
  if (!projectId && !state) return new Response(null, { status: 204 });
  const admission = streamLimiter().admit({
    session: sessionTag,
    address: await clientAddress(),
  });
  if (!admission.ok) {
    return new Response("Too many live updates are open for you; the page retries later.\n", {
      status: 429,
      headers: {
        "Retry-After": String(admission.retryAfter),
        "Content-Type": "text/plain; charset=utf-8",
      },
    });
  }

  return liveStream(request, {
    state: state ?? undefined,
    session: viewer?.session,
    inboxOf: viewer?.jid,
    projectId: projectId || undefined,
    release: admission.release,
  });
}
