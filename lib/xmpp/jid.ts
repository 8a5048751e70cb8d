import { type JID, parse } from "@xmpp/jid";
import { z } from "zod";

/** A bare JID as people type it: local@domain, no resource. */
export const BareJidSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^@/\s"&'<>:]+@[a-z0-9.-]+\.?[a-z0-9-]*$/, "Enter an address like alice@example.org")
  .max(300);

/** The local part and domain of an address; empty strings for what it does not have. */
export function splitJid(address: string): { local: string; domain: string } {
  const jid = parseJid(address);
  return { local: jid?.local ?? "", domain: jid?.domain ?? "" };
}

/**
 * The bare form (local@domain) of an address, e.g. of a publisher whose resource differs between
 * a session's publish and the service's report of it; "" when there is none or it is not a JID.
 */
export function bareJid(address: string | undefined): string {
  return parseJid(address)?.bare().toString() ?? "";
}

function parseJid(address: string | undefined): JID | undefined {
  if (!address) return undefined;
  try {
    return parse(address);
  } catch {
    // @xmpp/jid throws on an address without a domain.
    return undefined;
  }
}
