import { EventEmitter } from "node:events";
import type { Client } from "@xmpp/client";
import reconnect from "@xmpp/reconnect";
import type { Element } from "@xmpp/xml";

/**
 * A stand-in for an @xmpp/client Client in unit tests: the same status names and events as
 * @xmpp/connection, a server that can be up, down, or reject the password, and the real
 * @xmpp/reconnect module driving it (so the tests exercise the hook XmppSession relies on).
 */
export class FakeClient extends EventEmitter {
  status = "online";
  jid = "bob@b.test/pubforge-test";
  options = { service: "xmpp://127.0.0.5:5222", domain: "b.test", lang: "en" };
  serverUp = true;
  passwordAccepted = true;
  /** When true, an attempt connects but the stream never finishes opening. */
  hangOnOpen = false;
  /** Times (from `now()`) at which a reconnect attempt started. */
  readonly attempts: number[] = [];
  readonly sent: Element[] = [];
  readonly pending = new Map<
    string,
    { resolve: (e: Element) => void; reject: (e: Error) => void }
  >();
  readonly reconnect = reconnect({ entity: this as never });
  /** When set, iqs are answered by it (a fake service) instead of waiting in `pending`. */
  answer?: (iq: Element) => Promise<Element>;
  readonly iqCaller = {
    request: (iq: Element, timeoutMs = 30_000): Promise<Element> =>
      this.answer?.(iq) ??
      new Promise((resolve, reject) => {
        const id = String(iq.attrs.id ?? `iq${this.pending.size + 1}`);
        this.pending.set(id, { resolve, reject });
        setTimeout(
          () => reject(Object.assign(new Error("timeout"), { name: "TimeoutError" })),
          timeoutMs,
        );
      }),
  };

  constructor(private readonly now: () => number = () => Date.now()) {
    super();
    // As connect.ts does: an 'error' without a listener would throw.
    this.on("error", () => {});
  }

  asClient(): Client {
    return this as unknown as Client;
  }

  setStatus(status: string, ...args: unknown[]): void {
    if (this.status === status) return;
    this.status = status;
    this.emit("status", status, ...args);
    this.emit(status, ...args);
  }

  /** The server goes away: the socket closes (a restart first sends this stream error). */
  dropStream(streamError?: { condition: string; text?: string }): void {
    if (streamError) this.emit("error", { name: "StreamError", ...streamError });
    this.setStatus("disconnect", { clean: false });
  }

  async connect(): Promise<void> {
    this.attempts.push(this.now());
    this.setStatus("connecting");
    if (!this.serverUp) {
      this.emit(
        "error",
        Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      );
      this.setStatus("disconnect", { clean: false });
      throw new Error("connect ECONNREFUSED");
    }
    this.setStatus("connect");
  }

  async open(): Promise<void> {
    this.setStatus("opening");
    if (this.hangOnOpen) return;
    this.setStatus("open");
    if (!this.passwordAccepted) {
      // As @xmpp/middleware reports a failed SASL exchange: an 'error', the stream left open.
      this.emit("error", { name: "SASLError", condition: "not-authorized" });
      return;
    }
    this.setStatus("online", this.jid);
  }

  async disconnect(): Promise<void> {
    this.setStatus("disconnect", { clean: true });
  }

  async stop(): Promise<void> {
    // Like @xmpp/connection: no reconnect.stop() here; @xmpp/reconnect's timer finds the
    // entity "offline" rather than "disconnect" and does nothing.
    await this.disconnect();
    this.setStatus("offline");
  }

  async send(element: Element): Promise<void> {
    this.sent.push(element);
  }
}
