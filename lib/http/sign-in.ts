import { z } from "zod";
import { AttemptLimiter } from "./attempt-limiter";
import { forgetSignIn, rememberSignIn, signedInSessionId } from "./browser-session";
import { clientAddress } from "./client-address";
import { XmppFailure } from "@/lib/xmpp/errors";
import { BareJidSchema } from "@/lib/xmpp/jid";
import { sessionRegistry } from "@/lib/xmpp/registry";

export const SignInSchema = z.object({
  jid: BareJidSchema,
  password: z.string().min(1, "Enter your password").max(1024),
});

export type SignInResult =
  | { ok: true; jid: string }
  | { ok: false; message: string; field?: "jid" | "password"; retryAfter?: number };

/**
 * Password guessing is relayed to the person's XMPP server, so Pubforge limits it itself:
 * a few failures per account, more per address (several people may share one), in a window.
 */
const FAILURE_WINDOW_MS = 15 * 60_000;
const globalForLimits = globalThis as unknown as {
  pubforgeSignInLimits?: { account: AttemptLimiter; address: AttemptLimiter };
};
function limits() {
  globalForLimits.pubforgeSignInLimits ??= {
    account: new AttemptLimiter(5, FAILURE_WINDOW_MS),
    address: new AttemptLimiter(30, FAILURE_WINDOW_MS),
  };
  return globalForLimits.pubforgeSignInLimits;
}

/**
 * Opens the person's own XMPP session with their password. The password goes to their XMPP
 * server and nowhere else: it is not stored, logged, or put in the cookie.
 */
export async function signIn(input: unknown): Promise<SignInResult> {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      message: issue?.message ?? "Check the form",
      field: issue?.path[0] === "password" ? "password" : "jid",
    };
  }
  const { jid, password } = parsed.data;
  const address = await clientAddress();
  const wait = Math.max(limits().account.retryAfter(jid), limits().address.retryAfter(address));
  if (wait > 0) {
    return {
      ok: false,
      message: `Too many failed sign-ins. Try again in ${wait} seconds.`,
      field: "password",
      retryAfter: wait,
    };
  }
  try {
    const { id } = await sessionRegistry().open({ jid, password });
    limits().account.succeed(jid);
    // One XMPP session per browser session: the one this cookie held before is closed.
    const previous = await signedInSessionId();
    await rememberSignIn(id, jid);
    if (previous && previous !== id) await sessionRegistry().close(previous);
    return { ok: true, jid };
  } catch (error) {
    // An account is locked by wrong passwords only (not by its server being away); an
    // address by any failure, which also bounds probing of arbitrary servers.
    if (error instanceof XmppFailure && error.kind === "not-authorized") limits().account.fail(jid);
    limits().address.fail(address);
    if (error instanceof XmppFailure) {
      return {
        ok: false,
        message: error.message,
        field: error.kind === "not-authorized" ? "password" : "jid",
      };
    }
    console.error("sign-in failed unexpectedly", (error as Error)?.message);
    return { ok: false, message: "Signing in failed for an unexpected reason. Try again." };
  }
}

export async function signOut(): Promise<void> {
  const sid = await forgetSignIn();
  if (sid) await sessionRegistry().close(sid);
}
