import { createHash } from "node:crypto";
import type { Element } from "@xmpp/xml";
import { z } from "zod";
import { attr, childElements } from "@/lib/xmpp/xml";

/** XEP-0084 User Avatar: metadata (which image, its size and type) and data (the bytes). */
export const NS_AVATAR_METADATA = "urn:xmpp:avatar:metadata";
export const NS_AVATAR_DATA = "urn:xmpp:avatar:data";
export const AVATAR_METADATA_NODE = NS_AVATAR_METADATA;
export const AVATAR_DATA_NODE = NS_AVATAR_DATA;

/** The largest avatar Pubforge fetches, holds and serves. */
export const MAX_AVATAR_BYTES = 256 * 1024;

export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];

/** An avatar the metadata announces: its data item id is the SHA-1 of its bytes. */
export interface AvatarInfo {
  id: string;
  bytes: number;
  type: AvatarType;
}

const InfoSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{40}$/),
  bytes: z.coerce.number().int().positive().max(MAX_AVATAR_BYTES),
  type: z.enum(AVATAR_TYPES),
});

/**
 * The first avatar of a metadata payload that Pubforge would serve (an allowed type, within the
 * size cap, published in the data node rather than at a URL); undefined when there is none.
 */
export function decodeAvatarMetadata(payload: Element | undefined): AvatarInfo | undefined {
  if (payload?.getName() !== "metadata" || payload.getNS() !== NS_AVATAR_METADATA) {
    return undefined;
  }
  // Entries with a url point elsewhere: Pubforge never makes the browser fetch another host.
  const infos = childElements(payload, "info", NS_AVATAR_METADATA).filter(
    (info) => attr(info, "url") === undefined,
  );
  for (const info of infos.slice(0, 16)) {
    const parsed = InfoSchema.safeParse({
      id: attr(info, "id")?.toLowerCase(),
      bytes: attr(info, "bytes"),
      type: attr(info, "type")?.toLowerCase(),
    });
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** The type the bytes themselves say they are, by their first bytes; none for anything else. */
export function sniffImageType(bytes: Buffer): AvatarType | undefined {
  const starts = (signature: number[], at = 0) =>
    signature.every((byte, i) => bytes[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (starts([0xff, 0xd8, 0xff])) return "image/jpeg";
  if (starts([0x47, 0x49, 0x46, 0x38])) return "image/gif";
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return undefined;
}

/** Base64 of MAX_AVATAR_BYTES, with room for line breaks some clients insert. */
const MAX_BASE64_LENGTH = Math.ceil(MAX_AVATAR_BYTES / 3) * 4 + 8_192;

/**
 * The bytes of a data payload, only if they are what the metadata announced: the same SHA-1,
 * within the cap, and an image of the announced type by its own first bytes (so the type served
 * is one the bytes were checked to have). Undefined otherwise.
 */
export function decodeAvatarData(
  payload: Element | undefined,
  info: AvatarInfo,
): { bytes: Buffer; type: AvatarType } | undefined {
  if (payload?.getName() !== "data" || payload.getNS() !== NS_AVATAR_DATA) return undefined;
  const text = payload.getText();
  if (text.length > MAX_BASE64_LENGTH) return undefined;
  const base64 = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return undefined;
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length === 0 || bytes.length > MAX_AVATAR_BYTES) return undefined;
  if (createHash("sha1").update(bytes).digest("hex") !== info.id) return undefined;
  const type = sniffImageType(bytes);
  return type === info.type ? { bytes, type } : undefined;
}
