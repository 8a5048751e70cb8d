import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { sealSecret, UnsealError, unsealSecret } from "./sealed-secret";

const key = randomBytes(32);
const project = "pubsub.a.test/demo";

/** Flips one bit of one base64url part of a sealed value. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[bytes.length - 1]! ^= 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("sealed secrets", () => {
  it("open with the key and context they were sealed with, and do not show the secret", () => {
    const sealed = sealSecret("pft_secret-token", key, project);
    expect(sealed).not.toContain("pft_secret-token");
    expect(sealed).not.toContain(Buffer.from("pft_secret-token").toString("base64url"));
    expect(unsealSecret(sealed, key, project)).toBe("pft_secret-token");
    // A fresh IV each time: the same secret never seals to the same text.
    expect(sealSecret("pft_secret-token", key, project)).not.toBe(sealed);
  });

  it("refuse a tampered ciphertext, IV or tag", () => {
    const sealed = sealSecret("pft_secret-token", key, project);
    for (const part of [1, 2, 3]) {
      expect(() => unsealSecret(tamper(sealed, part), key, project)).toThrow(UnsealError);
    }
  });

  it("refuse another key", () => {
    const sealed = sealSecret("pft_secret-token", key, project);
    expect(() => unsealSecret(sealed, randomBytes(32), project)).toThrow(UnsealError);
  });

  it("refuse another project's row (the context is authenticated)", () => {
    const sealed = sealSecret("pft_secret-token", key, project);
    expect(() => unsealSecret(sealed, key, "pubsub.a.test/other")).toThrow(UnsealError);
  });

  it("refuse what is not a sealed value, a truncated tag included", () => {
    const sealed = sealSecret("x", key, project);
    const [format, iv, tag, body] = sealed.split(".");
    const shortTag = Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url");
    for (const bad of ["", "plain", "v2.a.b.c", `${format}.${iv}.${shortTag}.${body}`]) {
      expect(() => unsealSecret(bad, key, project)).toThrow(UnsealError);
    }
  });
});
