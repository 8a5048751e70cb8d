import { z } from "zod";
import { forgetSignIn, rememberSignIn, signedInSessionId } from "./browser-session";
import { clientAddress } from "./client-address";
import { signInLimits, signInWait } from "./sign-in-limits";
import { XmppFailure } from "@/lib/xmpp/errors";
import { BareJidSchema } from "@/lib/xmpp/jid";
import { sessionRegistry } from "@/lib/xmpp/registry";
import { rememberUser } from "@/lib/cache/notifications";

export const SignInSchema = z.object({
  jid: BareJidSchema,
  password: z.string().min(1, "Enter your password").max(1024),
});

export type SignInResult =
  | { ok: true; jid: string }
  | { ok: false; message: string; field?: "jid" | "password"; retryAfter?: number };

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
  const wait = signInWait(jid, address);
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
    signInLimits().account.succeed(jid);
    // One XMPP session per browser session: the one this cookie held before is closed.
    const previous = await signedInSessionId();
    await rememberSignIn(id, jid);
    // Known here from now on: `@name` mentions and taking part in threads reach them.
    await rememberUser(jid.toLowerCase());
    if (previous && previous !== id) await sessionRegistry().close(previous);
    return { ok: true, jid };
  } catch (error) {
    // An account is locked by wrong passwords only (not by its server being away); an
    // address by any failure, which also bounds probing of arbitrary servers.
    if (error instanceof XmppFailure && error.kind === "not-authorized")
      signInLimits().account.fail(jid);
    signInLimits().address.fail(address);
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
