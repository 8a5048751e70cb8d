import type { IqRequester } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";

/** Whose session a request goes through: a viewer's, or the instance's lent to one (moderation). */
export interface Actor {
  jid: string;
  session: IqRequester;
}

/**
 * The signed-in person as forge operations see them: their bare JID and their own XMPP
 * session. What their session reads decides what they see; it is never the instance's.
 */
export interface Viewer extends Actor {
  session: XmppSession;
}
