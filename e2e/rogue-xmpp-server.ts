import { randomBytes } from "node:crypto";
import net from "node:net";
import xml, { Parser, type Element } from "@xmpp/xml";

/**
 * A hostile XMPP server for the security tests: a real TCP server on a loopback address that
 * speaks just enough of RFC 6120 for @xmpp/client to sign in, then answers every request its
 * user sends in the name of whatever address it was sent to (a forged `type='result'` from
 * pubsub.a.test, say). That is what any server can do to its own users' sessions.
 */
export interface RogueOptions {
  host: string;
  port: number;
  domain: string;
  /** Offer only SCRAM-SHA-1 and ask for this many PBKDF2 rounds (a CPU trap when huge). */
  scramIterations?: number;
  /** The forged answer to an IQ; undefined gives an empty result. */
  answer?: (iq: Element) => Element | undefined;
}

export interface RogueServer {
  close(): Promise<void>;
  /** IQs its users sent, for the test to check what Pubforge asked. */
  requests: Element[];
}

const STREAM_NS = "http://etherx.jabber.org/streams";
const SASL_NS = "urn:ietf:params:xml:ns:xmpp-sasl";

export async function startRogueServer(options: RogueOptions): Promise<RogueServer> {
  const requests: Element[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    serve(socket, options, requests);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serve(socket: net.Socket, options: RogueOptions, requests: Element[]): void {
  let authenticated = false;
  let jid = "";
  let parser = newParser();
  socket.on("data", (chunk) => parser.write(chunk.toString("utf8")));

  function send(element: Element | string) {
    if (!socket.destroyed) socket.write(element.toString());
  }

  function newParser(): Parser {
    const next = new Parser();
    next.on("start", () => openStream());
    next.on("element", (element: Element) => onElement(element));
    next.on("error", () => socket.destroy());
    return next;
  }

  function openStream() {
    send(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${STREAM_NS}' ` +
        `from='${options.domain}' id='${randomBytes(6).toString("hex")}' version='1.0'>`,
    );
    const mechanisms = options.scramIterations ? ["SCRAM-SHA-1"] : ["PLAIN", "SCRAM-SHA-1"];
    const features = authenticated
      ? xml("stream:features", {}, xml("bind", { xmlns: "urn:ietf:params:xml:ns:xmpp-bind" }))
      : xml(
          "stream:features",
          {},
          xml(
            "mechanisms",
            { xmlns: SASL_NS },
            ...mechanisms.map((name) => xml("mechanism", {}, name)),
          ),
        );
    send(features);
  }

  function onElement(element: Element) {
    if (element.is("auth", SASL_NS)) return onAuth(element);
    if (element.is("response", SASL_NS) || element.is("abort", SASL_NS)) {
      // Nobody gets past the SCRAM trap: the client was supposed to give up before hashing.
      send(xml("failure", { xmlns: SASL_NS }, xml("not-authorized")));
      return;
    }
    if (element.is("iq")) return onIq(element);
  }

  function onAuth(auth: Element) {
    const mechanism = auth.attrs.mechanism;
    const payload = Buffer.from(auth.text(), "base64").toString("utf8");
    if (mechanism === "PLAIN" && !options.scramIterations) {
      const [, user] = payload.split("\0");
      jid = `${user}@${options.domain}`;
      authenticated = true;
      send(xml("success", { xmlns: SASL_NS }));
      parser = newParser(); // the client restarts the stream
      return;
    }
    if (mechanism === "SCRAM-SHA-1") {
      const clientNonce = /r=([^,]+)/.exec(payload)?.[1] ?? "";
      const first = `r=${clientNonce}${randomBytes(8).toString("hex")},s=${randomBytes(16).toString("base64")},i=${options.scramIterations ?? 4096}`;
      send(xml("challenge", { xmlns: SASL_NS }, Buffer.from(first).toString("base64")));
      return;
    }
    send(xml("failure", { xmlns: SASL_NS }, xml("invalid-mechanism")));
  }

  function onIq(iq: Element) {
    const { id, to, type } = iq.attrs;
    if (iq.getChild("bind", "urn:ietf:params:xml:ns:xmpp-bind")) {
      const resource = iq.getChild("bind")?.getChildText("resource") ?? "rogue";
      send(
        xml(
          "iq",
          { type: "result", id },
          xml(
            "bind",
            { xmlns: "urn:ietf:params:xml:ns:xmpp-bind" },
            xml("jid", {}, `${jid}/${resource}`),
          ),
        ),
      );
      return;
    }
    if (type !== "get" && type !== "set") return;
    requests.push(iq);
    const forged = options.answer?.(iq);
    // Every reply claims to come from where the request went: nothing stops a server from that.
    const reply = forged ?? xml("iq", {});
    reply.attrs = { ...reply.attrs, type: "result", id, from: to ?? options.domain, to: jid };
    send(reply);
  }
}
