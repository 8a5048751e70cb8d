import { describeConnectError } from "./errors";

/**
 * Which errors of an established session mean "stop reconnecting": trying again cannot help,
 * and retrying forever would only hammer the server and keep the person believing they are
 * signed in. Everything else (server restarts, refused or reset sockets, timeouts) is worth
 * another attempt.
 */
interface ErrorLike {
  name?: string;
  condition?: string;
  text?: string;
}

// SASL failures that say nothing about the credentials themselves (RFC 6120 §6.5).
const RETRYABLE_SASL = new Set(["temporary-auth-failure", "aborted"]);

/** A sentence for the person when `error` ends the session for good; undefined otherwise. */
export function terminalReason(error: unknown, domain: string): string | undefined {
  const e = (error ?? {}) as ErrorLike;
  if (e.name === "SASLError") {
    // Only seen on a reconnect: the first sign-in fails before the session exists.
    if (e.condition && RETRYABLE_SASL.has(e.condition)) return undefined;
    switch (e.condition) {
      case "not-authorized":
        return `${domain} no longer accepts your password (it was changed, or the account was removed).`;
      case "account-disabled":
        return `Your account on ${domain} has been disabled.`;
      case "credentials-expired":
        return `Your password on ${domain} has expired.`;
      default:
        return `${domain} refused to sign you in again (${e.condition ?? "unknown reason"}).`;
    }
  }
  if (e.name === "StreamError") {
    switch (e.condition) {
      // Prosody closes the streams of a deleted account with this one ("Account deleted").
      case "not-authorized":
        return `${domain} closed your session${e.text ? ` (“${e.text}”)` : ""}.`;
      // Another client took over this exact resource: reconnecting would kick it in turn,
      // and the two would take turns forever.
      case "conflict":
        return `Another sign-in replaced this session on ${domain}.`;
    }
  }
  // A server that no longer sets up verified TLS, or no longer proves it knows the password
  // (connect.ts), would only be offered the password again and again.
  const failure = describeConnectError(error, domain);
  if (failure.kind === "insecure") return failure.message;
  return undefined;
}
