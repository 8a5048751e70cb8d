import { AttemptLimiter } from "./attempt-limiter";

/**
 * Password guessing is relayed to the person's XMPP server, so Pubforge limits it itself:
 * a few failures per account, more per address (several people may share one), in a window.
 * One pair of limits for every way a password reaches Pubforge: the sign-in form and Git's
 * HTTP Basic authentication.
 */
const FAILURE_WINDOW_MS = 15 * 60_000;
const globalForLimits = globalThis as unknown as {
  pubforgeSignInLimits?: { account: AttemptLimiter; address: AttemptLimiter };
};

export function signInLimits() {
  globalForLimits.pubforgeSignInLimits ??= {
    account: new AttemptLimiter(5, FAILURE_WINDOW_MS),
    address: new AttemptLimiter(30, FAILURE_WINDOW_MS),
  };
  return globalForLimits.pubforgeSignInLimits;
}

/** Seconds `jid` from `address` must wait before trying a password again; 0 when it may now. */
export function passwordRetryAfter(jid: string, address: string): number {
  const limits = signInLimits();
  return Math.max(limits.account.retryAfter(jid), limits.address.retryAfter(address));
}
