import { createHash, randomBytes } from "node:crypto";
import { getIronSession } from "iron-session";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { describeSession, endedSession, type SessionState } from "@/lib/events/session-state";
import { splitJid } from "@/lib/xmpp/jid";
import { sessionRegistry } from "@/lib/xmpp/registry";
import type { Viewer } from "@/lib/forge/viewer";
import { publicOrigin } from "./origin";
import { isPlainLoopback } from "./security-headers";

interface CookieData {
  sid?: string;
  jid?: string;
}

/** The cookie's name: a request without it is anonymous (page-cache-server.ts relies on this). */
export const SESSION_COOKIE = "pubforge_session";

const globalForSecret = globalThis as unknown as { pubforgeCookieSecret?: string };

/**
 * XMPP sessions live in this process's memory, so a per-process random secret is enough by
 * default: a restart ends every session anyway. Several processes behind one origin need
 * PUBFORGE_SESSION_SECRET.
 */
function cookieSecret(): string {
  globalForSecret.pubforgeCookieSecret ??=
    config().PUBFORGE_SESSION_SECRET ?? randomBytes(32).toString("base64url");
  return globalForSecret.pubforgeCookieSecret;
}

async function cookie() {
  return getIronSession<CookieData>(await cookies(), {
    password: cookieSecret(),
    cookieName: SESSION_COOKIE,
    cookieOptions: {
      httpOnly: true,
      sameSite: "lax",
      // Plain http is accepted only on the machine itself (the demo and the tests).
      secure: !isPlainLoopback(await publicOrigin()),
      path: "/",
    },
  });
}

/** The signed-in person, or null when the cookie is absent or its XMPP session is gone. */
export async function currentViewer(): Promise<Viewer | null> {
  return (await viewerConnection()).viewer;
}

export interface ViewerConnection {
  /** Who may act now: null when signed out or when the session ended. */
  viewer: Viewer | null;
  /** What the header shows: the live session's state, or why it ended; null when signed out. */
  state: SessionState | null;
  /**
   * Names the cookie's session without revealing it (a hash of its id): the browser puts it in
   * its event stream's URL, so a new sign-in opens a stream bound to the new session.
   */
  sessionTag: string | null;
}

export async function viewerConnection(): Promise<ViewerConnection> {
  const data = await cookie();
  const registry = sessionRegistry();
  const sessionTag = data.sid
    ? createHash("sha256").update(data.sid).digest("base64url").slice(0, 16)
    : null;
  const session = registry.get(data.sid);
  if (session && data.jid) {
    return { viewer: { jid: data.jid, session }, state: describeSession(session), sessionTag };
  }
  return { viewer: null, state: endedState(data), sessionTag };
}

const SESSION_GONE = "the server process holding your session has stopped.";

/**
 * Why a cookie naming a session no longer has one: the reason kept when it ended by itself,
 * or, when this process never held it (the process holding it stopped, and the proxy sent the
 * browser to another one; or this one restarted), that it is gone. Null when signed out, or
 * when this process closed it (signed out, or replaced by a new sign-in: an old cookie replayed).
 */
function endedState(data: CookieData): SessionState | null {
  const ended = sessionRegistry().ended(data.sid);
  if (ended) return endedSession(ended.jid, ended.domain, ended.reason);
  if (!data.sid || !data.jid || sessionRegistry().closedHere(data.sid)) return null;
  return endedSession(data.jid, splitJid(data.jid).domain, SESSION_GONE);
}

/** The XMPP session id this browser's cookie names, if any. */
export async function signedInSessionId(): Promise<string | undefined> {
  return (await cookie()).sid;
}

export async function rememberSignIn(sid: string, jid: string): Promise<void> {
  const data = await cookie();
  data.sid = sid;
  data.jid = jid;
  await data.save();
}

export async function forgetSignIn(): Promise<string | undefined> {
  const data = await cookie();
  const sid = data.sid;
  data.destroy();
  return sid;
}
