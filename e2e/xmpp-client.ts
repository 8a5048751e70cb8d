import type { Client } from "@xmpp/client";
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
