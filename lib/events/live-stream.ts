import { changeBus } from "./bus";
import { inboxBus } from "./inbox-bus";
import { describeSession, type SessionState } from "./session-state";
import { sseResponse } from "./sse";

/** The parts of a viewer's XmppSession a stream follows (lib/xmpp/session.ts). */
export interface StreamedSession {
  jid: string;
  domain: string;
  status: "online" | "reconnecting" | "offline";
  offlineReason?: string;
  on(event: "status", listener: (status: StreamedSession["status"]) => void): unknown;
  off(event: "status", listener: (status: StreamedSession["status"]) => void): unknown;
}

export interface LiveSources {
  /** What the header shows first (a live session's state, or why it ended). */
  state?: SessionState;
  /** The viewer's live session: its state changes go out, and its ending ends the stream. */
  session?: StreamedSession;
  /** The project whose cache changes go out as `change` events. */
  projectId?: string;
  /** The signed-in viewer's bare JID: their unread count goes out as `inbox` events. */
  inboxOf?: string;
  /** Runs once when the stream ends (the stream limiter's admission). */
  release: () => void;
}

/**
 * One page's live stream: `session` events for the header and `change` events of one project.
 * app/events/route.ts answers with it once access and the caps are checked; the session-memory
 * benchmark opens a thousand of them the same way.
 */
export function liveStream(request: Request, sources: LiveSources): Response {
  return sseResponse(request, (send, close) => {
    const stops: (() => void)[] = [sources.release];
    if (sources.state) send("session", sources.state);
    const session = sources.session;
    if (session) {
      const onStatus = (status: StreamedSession["status"]) => {
        send("session", describeSession(session));
        // Signed out, or ended for good: what it let this stream carry goes with it.
        if (status === "offline") close();
      };
      session.on("status", onStatus);
      stops.push(() => session.off("status", onStatus));
    }
    if (sources.inboxOf) {
      stops.push(inboxBus().subscribe(sources.inboxOf, (state) => send("inbox", state)));
    }
    if (sources.projectId) {
      stops.push(changeBus().subscribe(sources.projectId, (change) => send("change", change)));
    }
    return () => stops.forEach((stop) => stop());
  });
}
