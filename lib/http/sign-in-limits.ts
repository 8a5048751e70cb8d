import { AttemptLimiter } from "./attempt-limiter";

/**
 * Password guessing is relayed to the person's XMPP server, so Pubforge limits it itself:
 * a few failures per account, more per address (several people may share one), in a window.
 * One pair of limits for every way a password reaches Pubforge: the sign-in form and Git's
 * and Mercurial's HTTP Basic authentication. The state is on globalThis: the sign-in action and proxy.ts, which Next.js bundles apart but
 * runs in the one Node process, read and write the same counts.
 */
const FAILURE_WINDOW_MS = 15 * 60_000;

interface SignInLimits {
  account: AttemptLimiter;
  address: AttemptLimiter;
}

const globalForLimits = globalThis as unknown as { pubforgeSignInLimits?: SignInLimits };

export function signInLimits(): SignInLimits {
  globalForLimits.pubforgeSignInLimits ??= {
    account: new AttemptLimiter(5, FAILURE_WINDOW_MS),
    address: new AttemptLimiter(30, FAILURE_WINDOW_MS),
  };
  return globalForLimits.pubforgeSignInLimits;
}

/** Seconds before this account, from this address, may try again; 0 when it may now. */
export function signInWait(jid: string, address: string): number {
  const limits = signInLimits();
  return Math.max(jid ? limits.account.retryAfter(jid) : 0, limits.address.retryAfter(address));
}
