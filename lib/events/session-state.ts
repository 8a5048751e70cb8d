import * as z from "zod/mini";

/**
 * What the browser is told about the viewer's own XMPP session (the header shows it). Shared
 * by the server, which writes it into the SSE stream, and the browser, which parses it back:
 * zod/mini because this schema ships in the client bundle.
 */
export const SessionStateSchema = z.object({
  state: z.enum(["connected", "reconnecting", "disconnected"]),
  jid: z.string(),
  domain: z.string(),
  reason: z.optional(z.string()),
});

export type SessionState = z.infer<typeof SessionStateSchema>;

interface SessionLike {
  jid: string;
  domain: string;
  status: "online" | "reconnecting" | "offline";
  offlineReason?: string;
}

export function describeSession(session: SessionLike): SessionState {
  switch (session.status) {
    case "online":
      return { state: "connected", jid: session.jid, domain: session.domain };
    case "reconnecting":
      return { state: "reconnecting", jid: session.jid, domain: session.domain };
    case "offline":
      return endedSession(session.jid, session.domain, session.offlineReason);
  }
}

export function endedSession(jid: string, domain: string, reason?: string): SessionState {
  return { state: "disconnected", jid, domain, ...(reason ? { reason } : {}) };
}

/** The `data` of a `session` SSE event, or undefined when it is not one. */
export function parseSessionState(data: string): SessionState | undefined {
  try {
    const parsed = SessionStateSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
