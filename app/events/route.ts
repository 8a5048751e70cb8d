import { canViewProject } from "@/lib/forge/access";
import { changeBus } from "@/lib/events/bus";
import { currentViewer } from "@/lib/http/browser-session";

export const dynamic = "force-dynamic";

/**
 * Server-Sent Events for one project: every cache change of that project, as it happens.
 * The browser reacts by re-rendering; nothing polls.
 */
export async function GET(request: Request): Promise<Response> {
  const projectId = new URL(request.url).searchParams.get("project") ?? "";
  const viewer = await currentViewer();
  if (!projectId || !(await canViewProject(projectId, viewer))) {
    return new Response("No access to this project", { status: 404 });
  }

  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      send(`retry: 2000\n: connected\n\n`);
      const unsubscribe = changeBus().subscribe(projectId, (change) => {
        send(`event: change\ndata: ${JSON.stringify(change)}\n\n`);
      });
      // Proxies drop idle connections; a comment line every 25 s keeps this one open.
      const keepAlive = setInterval(() => send(`: keep-alive\n\n`), 25_000);
      stop = () => {
        clearInterval(keepAlive);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
