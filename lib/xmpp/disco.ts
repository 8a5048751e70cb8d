import xml from "@xmpp/xml";
import { describeStanzaError } from "./errors";
import type { IqRequester } from "./pubsub";

const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";

/**
 * Asks an entity what it is (XEP-0030). Every XMPP entity must answer, so this is the probe
 * for "is that server there?": an answer (even an error) means yes.
 */
export async function discoInfo(session: IqRequester, jid: string, timeoutMs = 5_000) {
  try {
    return await session.request(
      xml("iq", { type: "get", to: jid }, xml("query", { xmlns: NS_DISCO_INFO })),
      timeoutMs,
    );
  } catch (error) {
    throw describeStanzaError(error, `reach ${jid}`);
  }
}
