import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import {
  ACCESS_TOKEN_PREFIX,
  checkAccessToken,
  type TokenScope,
} from "@/lib/forge/access-tokens/tokens";
import { connect } from "@/lib/xmpp/connect";
import { XmppFailure } from "@/lib/xmpp/errors";
import { BareJidSchema } from "@/lib/xmpp/jid";
import { XmppSession } from "@/lib/xmpp/session";
import { BASIC_CHALLENGE, refusal, type RepositoryPrincipal } from "@/lib/forge/repositories/http";
import { currentViewer } from "./browser-session";
import { clientAddress } from "./client-address";
import { signInWait, signInLimits } from "./sign-in-limits";

/** Someone Git or Mercurial authenticated over HTTP, and what their credential allows. */
export interface RepositoryClient {
  readonly jid: string;
  readonly scope: TokenScope;
  /**
   * With their XMPP password (kept only in this closure, for this request): opens a session
   * of theirs, for a push to refs/for/ to publish its merge request as them.
   */
  readonly openSession?: () => Promise<XmppSession>;
}

const PUSH_RESOURCE = "pubforge-push";

const passwordClient = (jid: string, password: string): RepositoryClient => ({
  jid,
  scope: "write",
  openSession: () => XmppSession.open({ jid, password, resource: PUSH_RESOURCE }),
});

export type RepositoryAuth =
  | { ok: true; client: RepositoryClient | null }
  | { ok: false; status: 401 | 429 | 503; message: string; retryAfter?: number };

const BasicCredentialsSchema = z.object({
  jid: BareJidSchema,
  secret: z.string().min(1).max(1024),
});

/** `Authorization: Basic …` as user (a JID) and secret; null when absent or not Basic. */
export function parseBasicAuthorization(
  header: string | null,
): z.infer<typeof BasicCredentialsSchema> | null {
  const match = /^Basic ([A-Za-z0-9+/=]{1,4096})$/i.exec(header?.trim() ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const parsed = BasicCredentialsSchema.safeParse({
    jid: decoded.slice(0, colon),
    secret: decoded.slice(colon + 1),
  });
  return parsed.success ? parsed.data : null;
}

// Git sends the credentials again with each request of one clone or push; a password proven
// a moment ago is not proven again (only its salted digest is remembered, for a few minutes).
const PROVEN_TTL_MS = 5 * 60_000;
const salt = randomBytes(32);
const globalForProven = globalThis as unknown as { pubforgeProvenPasswords?: Map<string, number> };
const proven = () => (globalForProven.pubforgeProvenPasswords ??= new Map());
const provenKey = (jid: string, password: string) =>
  createHash("sha256").update(salt).update(jid).update("\0").update(password).digest("hex");

/**
 * Checks Git's HTTP Basic credentials: the JID and either an access token (looked up by its
 * digest) or the person's XMPP password, proven by signing in to their own XMPP server and
 * out again, then dropped. Passwords count against the same limits as the sign-in form.
 */
export async function authenticateRepositoryClient(
  authorization: string | null,
  address: string,
): Promise<RepositoryAuth> {
  if (!authorization) return { ok: true, client: null };
  const credentials = parseBasicAuthorization(authorization);
  if (!credentials) {
    return { ok: false, status: 401, message: "Give your JID as the user name." };
  }
  const { jid, secret } = credentials;
  if (secret.startsWith(ACCESS_TOKEN_PREFIX)) {
    const scope = await checkAccessToken(jid, secret);
    return scope
      ? { ok: true, client: { jid, scope } }
      : { ok: false, status: 401, message: `This is not a valid access token of ${jid}.` };
  }
  const key = provenKey(jid, secret);
  const provenAt = proven().get(key);
  if (provenAt !== undefined && Date.now() - provenAt < PROVEN_TTL_MS) {
    return { ok: true, client: passwordClient(jid, secret) };
  }
  const wait = signInWait(jid, address);
  if (wait > 0) {
    return {
      ok: false,
      status: 429,
      message: `Too many failed sign-ins. Try again in ${wait} seconds.`,
      retryAfter: wait,
    };
  }
  try {
    const xmpp = await connect({ jid, password: secret, resource: "pubforge-repository-auth" });
    await xmpp.stop().catch(() => {});
  } catch (error) {
    const limits = signInLimits();
    limits.address.fail(address);
    if (error instanceof XmppFailure && error.kind === "not-authorized") {
      limits.account.fail(jid);
      return { ok: false, status: 401, message: `Wrong password for ${jid}.` };
    }
    const why = error instanceof XmppFailure ? error.message : "it did not answer";
    return {
      ok: false,
      status: 503,
      message: `Your XMPP server could not check the password: ${why}`,
    };
  }
  signInLimits().account.succeed(jid);
  if (proven().size > 10_000) proven().clear();
  proven().set(key, Date.now());
  return { ok: true, client: passwordClient(jid, secret) };
}

/**
 * Who a request to a repository comes from: Git's Basic credentials when it sends them (a
 * refusal, worded for Git to print, when they are wrong), else the browser's signed-in viewer.
 */
export async function repositoryPrincipal(
  authorization: string | null,
): Promise<{ ok: true; principal: RepositoryPrincipal } | { ok: false; response: Response }> {
  if (authorization) {
    const auth = await authenticateRepositoryClient(authorization, await clientAddress());
    if (!auth.ok) {
      const headers: Record<string, string> = auth.status === 401 ? { ...BASIC_CHALLENGE } : {};
      if (auth.retryAfter) headers["Retry-After"] = String(auth.retryAfter);
      return { ok: false, response: refusal(auth.status, auth.message, headers) };
    }
    if (auth.client) return { ok: true, principal: { kind: "client", ...auth.client } };
  }
  const viewer = await currentViewer();
  return { ok: true, principal: viewer ? { kind: "viewer", viewer } : { kind: "anonymous" } };
}
