import { timingSafeEqual } from "node:crypto";
import type { Client } from "@xmpp/client";
import type { Element } from "@xmpp/xml";
import type Mechanism from "sasl-scram-sha-1";
import { XmppFailure } from "./errors";

const SASL = ["urn:ietf:params:xml:ns:xmpp-sasl", "urn:xmpp:sasl:2"];

export class ScramServerProofError extends XmppFailure {
  constructor(domain: string, why: string) {
    super(
      "insecure",
      `The XMPP server for “${domain}” did not prove that it knows your password (${why}), so it may not be your server. Pubforge has closed the connection.`,
    );
    this.name = "ScramServerProofError";
  }
}

/**
 * Checks SCRAM's server-final-message (RFC 5802 §5.1: `v=` the server signature, or `e=` an
 * error) against the signature this client computed. Only a server that knows the password,
 * or its salted form, can produce it; a relay that merely passed the client's proof on cannot.
 */
export function checkServerFinal(
  serverFinal: string | undefined,
  expected: Uint8Array | undefined,
  domain: string,
): void {
  // Attributes are comma-separated `name=value`; the first is `v` or `e`, extensions follow.
  const first = serverFinal?.split(",", 1)[0] ?? "";
  if (first.startsWith("e="))
    throw new ScramServerProofError(domain, `it said “${first.slice(2, 80)}”`);
  if (!first.startsWith("v=") || !expected) {
    throw new ScramServerProofError(domain, "it sent no server signature");
  }
  const given = Buffer.from(first.slice(2), "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ScramServerProofError(domain, "its server signature is wrong");
  }
}

/**
 * Makes one client's SCRAM sign-ins verify the server's signature, which neither @xmpp/sasl
 * (it drops `<success>`'s data) nor sasl-scram-sha-1 (it has no final step) checks. Call the
 * returned function once `authenticate` has resolved, before trusting the session; it throws a
 * ScramServerProofError when the proof is missing or wrong.
 */
export function requireScramServerProof(client: Client, domain: string): () => void {
  const { saslFactory: factory } = client as unknown as {
    saslFactory: { create(names: string[]): object | null };
  };
  const create = factory.create.bind(factory);
  let mechanism: Partial<Mechanism> | undefined;
  let lastChallenge: string | undefined;
  let successData: string | undefined;
  factory.create = (names) => {
    const created = create(names);
    mechanism = created ?? undefined;
    lastChallenge = successData = undefined;
    return created;
  };
  client.on("nonza", (element: Element) => {
    if (!SASL.includes(element.getNS() ?? "")) return;
    // SASL2 wraps the data in <additional-data>; the original SASL has it as the text.
    const data = element.getChild("additional-data")?.text() ?? element.text();
    const text = Buffer.from(data, "base64").toString("utf8");
    if (element.name === "challenge") lastChallenge = text;
    if (element.name === "success") successData = text;
  });
  return () => {
    if (mechanism?.name !== "SCRAM-SHA-1") return;
    // Servers send the final message in <success>, or (older ones) as a last challenge.
    checkServerFinal(successData || lastChallenge, mechanism._serverSignature, domain);
  };
}
