import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "@/lib/config";

/**
 * Secrets this instance keeps for someone (a push mirror's token) are sealed with AES-256-GCM
 * under the operator's key (PUBFORGE_SECRET_KEY), so that a copy of the database alone gives
 * none of them away. `context` (the project's id) is authenticated with the secret: a sealed
 * value copied onto another project's row does not open there.
 */
const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed secret that does not open: altered, sealed with another key, or for another context. */
export class UnsealError extends Error {
  constructor() {
    super("the stored secret does not open: it was altered, or sealed with another key");
    this.name = "UnsealError";
  }
}

/** The operator's sealing key, or undefined when none is configured. */
export function sealingKey(): Buffer | undefined {
  const hex = config().PUBFORGE_SECRET_KEY;
  return hex ? Buffer.from(hex, "hex") : undefined;
}

export function sealSecret(plain: string, key: Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function unsealSecret(sealed: string, key: Buffer, context: string): string {
  const [format, iv, tag, body, ...rest] = sealed.split(".");
  if (format !== FORMAT || !iv || !tag || body === undefined || rest.length > 0) {
    throw new UnsealError();
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new UnsealError();
  }
}
