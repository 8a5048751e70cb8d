import type { XmppSession } from "@/lib/xmpp/session";

/**
 * The signed-in person as forge operations see them: their bare JID and their own XMPP
 * session. What their session reads decides what they see; it is never the instance's.
 */
export interface Viewer {
  jid: string;
  session: XmppSession;
}
