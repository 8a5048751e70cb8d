import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import xml, { Parser, type Element } from "@xmpp/xml";

/**
 * A hostile XMPP server for the security tests: a real TCP server on a local address that
 * speaks just enough of RFC 6120 for @xmpp/client to sign in, then answers every request its
 * user sends in the name of whatever address it was sent to (a forged `type='result'` from
 * pubsub.a.test, say). That is what any server can do to its own users' sessions. Its options
 * make it misbehave in the ways the transport must refuse.
 */
export interface RogueOptions {
  host: string;
  port: number;
  domain: string;
  /** Offer only SCRAM-SHA-1 (otherwise PLAIN too). */
  scram?: {
    /** PBKDF2 rounds asked for (4,096 unless set; a CPU trap when huge). */
    iterations?: number;
    /**
     * How a sign-in ends: "right", the signature of a server that knows `password` (whose
     * proof is checked too); "wrong", a relay's, which cannot know it; "none", success with no
     * signature at all. Unset: every attempt fails (nobody should get that far).
     */
    signature?: "right" | "wrong" | "none";
    password?: string;
    /** Send the final message as a last challenge, as RFC 3920 servers did, then `<success/>`. */
    finalAsChallenge?: boolean;
  };
  /** Offer STARTTLS with this certificate, and require it before SASL. */
  tls?: { key: string; cert: string };
  /** Offer resource binding at once, with no SASL at all. */
  skipAuthentication?: boolean;
  /** Answer every stream with a `see-other-host` error naming this host:port. */
  seeOtherHost?: string;
  /** Bind every user to this bare JID instead of the one they signed in as. */
  bindAs?: string;
  /** The forged answer to an IQ; undefined gives an empty result. */
  answer?: (iq: Element) => Element | undefined;
}

export interface RogueServer {
  close(): Promise<void>;
  /** The port it listens on (the one asked for, or the one the system gave for 0). */
  port: number;
  /** IQs its users sent, for the test to check what Pubforge asked. */
  requests: Element[];
  /** The SASL mechanisms clients started, in order: what a password was offered to. */
  auths: string[];
}

const STREAM_NS = "http://etherx.jabber.org/streams";
const SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";
const TLS_NS = "urn:ietf:params:xml:ns:xmpp-tls";
const BIND_NS = "urn:ietf:params:xml:ns:xmpp-bind";
const STREAMS_ERROR_NS = "urn:ietf:params:xml:ns:xmpp-streams";

export async function startRogueServer(options: RogueOptions): Promise<RogueServer> {
  const requests: Element[] = [];
  const auths: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    serve(socket, options, { requests, auths });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    requests,
    auths,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const base64 = (text: string | Buffer) => Buffer.from(text).toString("base64");
const hmac = (key: Buffer, text: string) => createHmac("sha1", key).update(text).digest();

function serve(
  raw: net.Socket,
  options: RogueOptions,
  seen: Pick<RogueServer, "requests" | "auths">,
): void {
  let socket: net.Socket = raw;
  let encrypted = false;
  let authenticated = false;
  let jid = "";
  let scram: { clientFirstBare: string; serverFirst: string; salt: Buffer } | undefined;
  let pendingSuccess: string | undefined; // the user, once the final message went as a challenge
  let parser = newParser();
  const onData = (chunk: Buffer) => {
    try {
      parser.write(chunk.toString("utf8"));
    } catch {
      // The client closed the stream right after SASL, before restarting it: this parser never
      // saw that stream's start.
      closeStream();
    }
  };
  raw.on("data", onData);

  function send(element: Element | string) {
    if (!socket.destroyed) socket.write(element.toString());
  }

  function closeStream() {
    send("</stream:stream>");
    socket.end();
  }

  function newParser(): Parser {
    const next = new Parser();
    next.on("start", () => openStream());
    next.on("end", () => closeStream());
    next.on("element", (element: Element) => onElement(element));
    next.on("error", () => socket.destroy());
    return next;
  }

  function openStream() {
    send(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${STREAM_NS}' ` +
        `from='${options.domain}' id='${randomBytes(6).toString("hex")}' version='1.0'>`,
    );
    if (options.seeOtherHost) {
      const redirect = xml("see-other-host", { xmlns: STREAMS_ERROR_NS }, options.seeOtherHost);
      return send(xml("stream:error", {}, redirect));
    }
    const mechanisms = options.scram ? ["SCRAM-SHA-1"] : ["PLAIN", "SCRAM-SHA-1"];
    const feature =
      options.tls && !encrypted
        ? xml("starttls", { xmlns: TLS_NS }, xml("required"))
        : authenticated || options.skipAuthentication
          ? xml("bind", { xmlns: BIND_NS })
          : xml(
              "mechanisms",
              { xmlns: SASL_NS },
              ...mechanisms.map((m) => xml("mechanism", {}, m)),
            );
    send(xml("stream:features", {}, feature));
  }

  function onElement(element: Element) {
    if (element.is("starttls", TLS_NS)) return startTls();
    if (element.is("auth", SASL_NS)) return onAuth(element);
    if (element.is("response", SASL_NS)) {
      return pendingSuccess ? succeed(pendingSuccess) : onScramFinal(element);
    }
    if (element.is("abort", SASL_NS)) return fail();
    if (element.is("iq")) return onIq(element);
  }

  function startTls() {
    if (!options.tls) return send(xml("failure", { xmlns: TLS_NS }));
    send(xml("proceed", { xmlns: TLS_NS }));
    raw.off("data", onData);
    socket = new tls.TLSSocket(raw, { isServer: true, ...options.tls });
    socket.on("error", () => raw.destroy());
    socket.on("data", onData);
    encrypted = true;
    parser = newParser(); // the client restarts the stream over TLS
  }

  function fail() {
    send(xml("failure", { xmlns: SASL_NS }, xml("not-authorized")));
  }

  function succeed(user: string, serverFinal?: string) {
    jid = `${user}@${options.domain}`;
    authenticated = true;
    const success = xml("success", { xmlns: SASL_NS });
    if (serverFinal) success.t(base64(serverFinal));
    send(success);
    parser = newParser(); // the client restarts the stream
  }

  function onAuth(auth: Element) {
    const mechanism = String(auth.attrs.mechanism);
    seen.auths.push(mechanism);
    const payload = Buffer.from(auth.text(), "base64").toString("utf8");
    if (mechanism === "PLAIN" && !options.scram) return succeed(payload.split("\0")[1] ?? "");
    if (mechanism !== "SCRAM-SHA-1") {
      return send(xml("failure", { xmlns: SASL_NS }, xml("invalid-mechanism")));
    }
    // client-first-message: gs2 header ("n,,"), then n=user,r=nonce
    const clientFirstBare = payload.split(",").slice(2).join(",");
    const nonce = /(?:^|,)r=([^,]+)/.exec(clientFirstBare)?.[1] ?? "";
    const salt = randomBytes(16);
    const serverFirst = `r=${nonce}${randomBytes(8).toString("hex")},s=${base64(salt)},i=${options.scram?.iterations ?? 4096}`;
    scram = { clientFirstBare, serverFirst, salt };
    send(xml("challenge", { xmlns: SASL_NS }, base64(serverFirst)));
  }

  function onScramFinal(response: Element) {
    const signature = options.scram?.signature;
    if (!scram || !signature) return fail();
    const clientFinal = Buffer.from(response.text(), "base64").toString("utf8");
    const [withoutProof = "", proof = ""] = clientFinal.split(",p=");
    const authMessage = `${scram.clientFirstBare},${scram.serverFirst},${withoutProof}`;
    const user = /(?:^|,)n=([^,]*)/.exec(scram.clientFirstBare)?.[1] ?? "";
    if (signature === "none") return succeed(user);
    let serverSignature = randomBytes(20); // a relay's guess
    if (signature === "right") {
      const salted = pbkdf2Sync(
        options.scram?.password ?? "",
        scram.salt,
        options.scram?.iterations ?? 4096,
        20,
        "sha1",
      );
      const clientKey = hmac(salted, "Client Key");
      const storedKey = createHash("sha1").update(clientKey).digest();
      const clientSignature = hmac(storedKey, authMessage);
      const expected = Buffer.from(clientKey.map((byte, i) => byte ^ clientSignature[i]!));
      const given = Buffer.from(proof, "base64");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail();
      serverSignature = hmac(hmac(salted, "Server Key"), authMessage);
    }
    const serverFinal = `v=${base64(serverSignature)}`;
    if (!options.scram?.finalAsChallenge) return succeed(user, serverFinal);
    pendingSuccess = user;
    send(xml("challenge", { xmlns: SASL_NS }, base64(serverFinal)));
  }

  function onIq(iq: Element) {
    const { id, to, type } = iq.attrs;
    if (iq.getChild("bind", BIND_NS)) {
      const resource = iq.getChild("bind")?.getChildText("resource") ?? "rogue";
      const bound = options.bindAs ?? (jid || `anonymous@${options.domain}`);
      send(
        xml(
          "iq",
          { type: "result", id },
          xml("bind", { xmlns: BIND_NS }, xml("jid", {}, `${bound}/${resource}`)),
        ),
      );
      return;
    }
    if (type !== "get" && type !== "set") return;
    seen.requests.push(iq);
    const forged = options.answer?.(iq);
    // Every reply claims to come from where the request went: nothing stops a server from that.
    const reply = forged ?? xml("iq", {});
    reply.attrs = { ...reply.attrs, type: "result", id, from: to ?? options.domain, to: jid };
    send(reply);
  }
}
