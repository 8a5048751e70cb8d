import type { Element } from "@xmpp/xml";
import { z } from "zod";
import { firstChildElement } from "@/lib/xmpp/xml";

/** XEP-0292: a person's vCard4 on their own PEP service. */
export const NS_VCARD4 = "urn:ietf:params:xml:ns:vcard-4.0";
export const VCARD4_NODE = "urn:xmpp:vcard4";

/** What a profile page shows of a vCard: the name, and the nickname if there is no name. */
export interface ProfileCard {
  name?: string;
}

// Whatever a server sends, a name is one short line of printable text.
const NameSchema = z
  .string()
  .transform((text) => text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, " ").replace(/\s+/g, " "))
  .pipe(z.string().trim().min(1).max(100));

function propertyText(vcard: Element, property: string): string | undefined {
  const holder = firstChildElement(vcard, property, NS_VCARD4);
  const text = holder && firstChildElement(holder, "text", NS_VCARD4);
  // A property of more than a few kB is no name: not worth reading at all.
  const value = text?.getText();
  if (value === undefined || value.length > 4_096) return undefined;
  const name = NameSchema.safeParse(value);
  return name.success ? name.data : undefined;
}

/**
 * The card of a `<vcard xmlns="urn:ietf:params:xml:ns:vcard-4.0">` payload; an empty card for
 * anything else (a hostile server's payload gives a plain profile, never an error).
 */
export function decodeVcard4(payload: Element | undefined): ProfileCard {
  if (payload?.getName() !== "vcard" || payload.getNS() !== NS_VCARD4) return {};
  const name = propertyText(payload, "fn") ?? propertyText(payload, "nickname");
  return name ? { name } : {};
}
