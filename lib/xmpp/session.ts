import { EventEmitter } from "node:events";
import type { Client } from "@xmpp/client";
import xml, { type Element } from "@xmpp/xml";
import { connect, type ConnectOptions } from "./connect";
import { XmppFailure } from "./errors";
import { bareJid, splitJid } from "./jid";
import type { IqRequester } from "./pubsub";
import { parsePubsubEvents, type PubsubEvent } from "./pubsub-event";
import { Reconnector, type ReconnectorOptions } from "./reconnector";
import { terminalReason } from "./session-end";

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
  /** Why the session went offline, in a sentence for the person (set with "offline"). */
  offlineReason?: string;
  readonly jid: string;
  readonly domain: string;
  private readonly reconnector: Reconnector;

  /** The full JID this session is bound to (its resource is Pubforge's own). */
  get address(): string {
    return String(this.client.jid);
  }

  private constructor(
    private readonly client: Client,
    reconnect: ReconnectorOptions = {},
  ) {
    super();
    // Each open browser tab of this viewer and each request in flight listens for a while;
    // they all let go (see session.test.ts), so Node's leak warning at 10 would only be noise.
    this.setMaxListeners(0);
    this.jid = bareJid(String(client.jid));
    this.domain = splitJid(this.jid).domain;
    // Exponential backoff with jitter instead of xmpp.js's fixed 1 s between attempts.
    this.reconnector = new Reconnector(client, reconnect);
    client.on("stanza", (stanza: Element) => {
      for (const event of parsePubsubEvents(stanza)) this.emit("pubsub", event);
    });
    client.on("error", (error: unknown) => {
      const reason = terminalReason(error, this.domain);
      if (reason) void this.end(reason);
    });
    client.on("offline", () => this.end("The connection was closed."));
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

  /** A session around a client that is already online (unit tests pass a fake one). */
  static attach(client: Client, reconnect?: ReconnectorOptions): XmppSession {
    return new XmppSession(client, reconnect);
  }

  /**
   * Sends an iq and waits for its reply. While the stream is reconnecting the request waits
   * (up to `waitMs`, hurrying the next attempt) rather than vanishing; after that, or when the
   * session has ended, or when the stream drops before the reply, it fails with a message
   * that says whether anything may have been sent.
   */
  async request(iq: Element, timeoutMs = 30_000, waitMs = 10_000): Promise<Element> {
    if (this.status === "offline") throw this.endedFailure();
    if (this.status !== "online") await this.waitOnline(waitMs);
    const reply = this.client.iqCaller.request(iq, timeoutMs);
    // The race below may settle first; the iq's own timeout must not become an unhandled rejection.
    reply.catch(() => {});
    const drop = this.whenDropped();
    try {
      return await Promise.race([reply, drop.promise]);
    } finally {
      drop.cancel();
    }
  }

  /** Sends a stanza that has no reply (a message), once the session is online. */
  async send(stanza: Element, waitMs = 10_000): Promise<void> {
    if (this.status === "offline") throw this.endedFailure();
    if (this.status !== "online") await this.waitOnline(waitMs);
    await this.client.send(stanza);
  }

  /** Signing out: the session ends here, and no reconnect follows. */
  async close(): Promise<void> {
    await this.end("You signed out.");
  }

  /** Ends the session for good with a reason the person can read (see session-end.ts). */
  private async end(reason: string): Promise<void> {
    if (this.status === "offline") return;
    this.offlineReason = reason;
    this.setStatus("offline");
    this.reconnector.stop();
    await this.client.stop().catch(() => {});
    this.removeAllListeners();
  }

  private endedFailure(): XmppFailure {
    return new XmppFailure(
      "disconnected",
      `Your XMPP session has ended: ${this.offlineReason ?? "the connection was closed."} Sign in again.`,
    );
  }

  private setStatus(status: SessionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", status);
  }

  private waitOnline(waitMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const release = this.reconnector.hurry();
      const timer = setTimeout(() => {
        this.off("status", onStatus);
        release();
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
        release();
        if (status === "online") resolve();
        else reject(this.endedFailure());
      };
      this.on("status", onStatus);
    });
  }

  /**
   * Rejects as soon as the stream drops. Without stream management a reply to an iq sent on
   * the old stream never arrives, so waiting out the iq's 30 s timeout would only delay the
   * same uncertain outcome.
   */
  private whenDropped(): { promise: Promise<never>; cancel: () => void } {
    let onStatus: (status: SessionStatus) => void = () => {};
    const promise = new Promise<never>((_, reject) => {
      onStatus = (status) => {
        if (status === "online") return;
        this.off("status", onStatus);
        reject(
          status === "offline"
            ? this.endedFailure()
            : new XmppFailure(
                "disconnected",
                "The connection to your XMPP server dropped while this was being sent, so it may or may not have been saved. Check, then try again if needed.",
              ),
        );
      };
      this.on("status", onStatus);
    });
    promise.catch(() => {});
    return { promise, cancel: () => this.off("status", onStatus) };
  }
}
