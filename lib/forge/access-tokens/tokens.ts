import { createHash, randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import {
  accessTokensOf,
  deleteAccessToken,
  findAccessTokenByDigest,
  insertAccessToken,
  touchAccessToken,
} from "@/lib/cache/access-tokens";
import { ForgeError } from "@/lib/forge/errors";
import type { Viewer } from "@/lib/forge/viewer";

/** Tokens say what they are, so that a leaked one is recognised by secret scanners and people. */
export const ACCESS_TOKEN_PREFIX = "pft_";

export const TokenScopeSchema = z.enum(["read", "write"]);
export type TokenScope = z.infer<typeof TokenScopeSchema>;

export const NewTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (where it is used)").max(100),
  scope: TokenScopeSchema,
});

export interface AccessTokenSummary {
  readonly id: string;
  readonly name: string;
  readonly scope: TokenScope;
  readonly created: Date;
  readonly lastUsed: Date | null;
}

/** 256 random bits: a digest without salt is enough to keep, since nothing can be guessed. */
const digestOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Issues a token acting for the viewer; the token itself is returned once and never kept. */
export async function createAccessToken(
  viewer: Viewer,
  input: unknown,
): Promise<{ token: string; summary: AccessTokenSummary }> {
  const { name, scope } = NewTokenSchema.parse(input);
  const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const record = {
    id: randomUUID(),
    jid: viewer.jid,
    name,
    scope,
    digest: digestOf(token),
    created: new Date(),
  };
  await insertAccessToken(record);
  return { token, summary: { ...record, lastUsed: null } };
}

export async function listAccessTokens(viewer: Viewer): Promise<AccessTokenSummary[]> {
  return (await accessTokensOf(viewer.jid)).map(({ id, name, scope, created, lastUsed }) => ({
    id,
    name,
    scope: TokenScopeSchema.catch("read").parse(scope),
    created,
    lastUsed,
  }));
}

export async function revokeAccessToken(viewer: Viewer, id: unknown): Promise<void> {
  const tokenId = z.string().uuid().safeParse(id);
  if (!tokenId.success || !(await deleteAccessToken(viewer.jid, tokenId.data))) {
    throw new ForgeError("token-gone");
  }
}

/** What a token presented by `jid` may do, or null when it is not one of `jid`'s tokens. */
export async function checkAccessToken(jid: string, token: string): Promise<TokenScope | null> {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX) || token.length > 200) return null;
  const record = await findAccessTokenByDigest(digestOf(token));
  if (!record || record.jid !== jid) return null;
  await touchAccessToken(record.id, new Date());
  return TokenScopeSchema.catch("read").parse(record.scope);
}
