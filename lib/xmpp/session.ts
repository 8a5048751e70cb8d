import { EventEmitter } from "node:events";
import type { Client } from "@xmpp/client";
import xml, { type Element } from "@xmpp/xml";
import { connect, type ConnectOptions } from "./connect";
import { XmppFailure } from "./errors";
import { bareJid } from "./jid";
import type { IqRequester } from "./pubsub";
import { parsePubsubEvents, type PubsubEvent } from "./pubsub-event";

export type SessionStatus = "online" | "reconnecting" | "offline";

interface SessionEvents {
  pubsub: [PubsubEvent];
  status: [SessionStatus];
}

/**
 * One signed-in XMPP account: its stream, its connection state and the pubsub events it
 * receives. A failure here stays here; the registry never lets it reach another session.
 */
export class XmppSession extends EventEmitter<SessionEvents> implements IqRequester {
  status: SessionStatus = "online";
  readonly jid: string;

  private constructor(private readonly client: Client) {
    super();
    this.jid = bareJid(String(client.jid));
    client.on("stanza", (stanza: Element) => {
      for (const event of parsePubsubEvents(stanza)) this.emit("pubsub", event);
    });
    client.on("offline", () => this.setStatus("offline"));
    client.on("disconnect", () => {
      if (this.status !== "offline") this.setStatus("reconnecting");
    });
    client.on("online", () => {
      this.setStatus("online");
      // Pubsub notifications addressed to the bare JID only reach available resources.
      client.send(xml("presence")).catch(() => {});
    });
  }

  static async open(options: ConnectOptions): Promise<XmppSession> {
    const client = await connect(options);
    const session = new XmppSession(client);
    await client.send(xml("presence"));
    return session;
  }

  /**
   * Sends an iq and waits for its reply. While the stream is reconnecting the request waits
   * (up to `waitMs`) rather than vanishing; after that it fails with a message.
   */
  async request(iq: Element, timeoutMs = 30_000, waitMs = 10_000): Promise<Element> {
    if (this.status === "offline") {
      throw new XmppFailure("disconnected", "This XMPP session has ended. Sign in again.");
    }
    if (this.status !== "online") await this.waitOnline(waitMs);
    return this.client.iqCaller.request(iq, timeoutMs);
  }

  async close(): Promise<void> {
    this.setStatus("offline");
    this.client.reconnect.stop();
    await this.client.stop().catch(() => {});
    this.removeAllListeners();
  }

  private setStatus(status: SessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", status);
  }

  private waitOnline(waitMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off("status", onStatus);
        reject(
          new XmppFailure(
            "disconnected",
            "Lost the connection to your XMPP server and it has not come back yet. Nothing was sent; try again in a moment.",
          ),
        );
      }, waitMs);
      const onStatus = (status: SessionStatus) => {
        if (status === "reconnecting") return;
        clearTimeout(timer);
        this.off("status", onStatus);
        if (status === "online") resolve();
        else reject(new XmppFailure("disconnected", "This XMPP session has ended. Sign in again."));
      };
      this.on("status", onStatus);
    });
  }
}
