import type { Client } from "@xmpp/client";
import xml, { type Element } from "@xmpp/xml";
import { connect } from "@/lib/xmpp/connect";
import type { IqRequester } from "@/lib/xmpp/pubsub";
import { DEMO_PASSWORD } from "./helpers";

/** A plain XMPP client, as any other program a user runs would be (not Pubforge's session). */
export interface TestClient extends IqRequester {
  stop(): Promise<void>;
}

export async function xmppClient(jid: string, password = DEMO_PASSWORD): Promise<TestClient> {
  const client: Client = await connect({ jid, password, resource: `e2e-${Date.now()}` });
  return {
    request: (iq, timeoutMs) => client.iqCaller.request(iq, timeoutMs),
    stop: async () => {
      await client.stop().catch(() => {});
    },
  };
}

/** A chat client online as `jid`: it keeps every `<message>` with a body it receives. */
export interface ChatClient {
  /** The messages received so far, oldest first: who sent them and their text. */
  readonly received: { from: string; body: string }[];
  stop(): Promise<void>;
}

/**
 * Online with a higher priority than Pubforge's own session of the same account (which sends
 * presence too), as a phone client would be: a chat message to the bare JID reaches this one.
 */
export async function chatClient(jid: string, password = DEMO_PASSWORD): Promise<ChatClient> {
  const client: Client = await connect({ jid, password, resource: `chat-${Date.now()}` });
  const received: ChatClient["received"] = [];
  client.on("stanza", (stanza: Element) => {
    const body = stanza.is("message") ? stanza.getChildText("body") : null;
    if (body !== null) received.push({ from: String(stanza.attrs.from ?? ""), body });
  });
  await client.send(xml("presence", {}, xml("priority", {}, "5")));
  return {
    received,
    stop: async () => {
      await client.stop().catch(() => {});
    },
  };
}
