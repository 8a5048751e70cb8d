import { z } from "zod";

/** A bare JID as people type it: local@domain, no resource. */
export const BareJidSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^@/\s"&'<>:]+@[a-z0-9.-]+\.?[a-z0-9-]*$/, "Enter an address like alice@example.org")
  .max(300);

export function splitJid(jid: string): { local: string; domain: string } {
  const bare = jid.split("/")[0] ?? jid;
  const at = bare.indexOf("@");
  return at === -1
    ? { local: "", domain: bare }
    : { local: bare.slice(0, at), domain: bare.slice(at + 1) };
}

export function bareJid(jid: string): string {
  return jid.split("/")[0] ?? jid;
}
