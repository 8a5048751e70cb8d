import { config } from "@/lib/config";
import { Backoff, type BackoffPolicy } from "@/lib/xmpp/backoff";
import { splitJid } from "@/lib/xmpp/jid";
import type { XmppSession } from "@/lib/xmpp/session";
import type { InstanceForwarding } from "./instance-forwarding";
import type { InstanceLock } from "./instance-lock";
import type { ReachabilityWatch } from "./reachability";

// The instance account's identity and the session it holds now. instance.ts connects that
// session and hands its notifications to the sync; the sync itself asks the service through
// the session from here (lib/forge/projects/affiliations.ts), which imports no sync.

export interface InstanceState {
  session?: XmppSession;
  starting?: Promise<XmppSession | undefined>;
  subscribed: Set<string>;
  retry: Backoff;
  homes?: ReachabilityWatch;
  /** Set where several processes share a PostgreSQL cache: only its holder opens the session. */
  lock?: InstanceLock;
  /** With the lock: requests forwarded to its holder, and performed for the others there. */
  forwarding?: InstanceForwarding;
}

/** Retries of a failed connect: one account, so no jitter; a server down long is tried each minute. */
export const INSTANCE_RETRY: BackoffPolicy = {
  initialMs: 1_000,
  maxMs: 60_000,
  factor: 2,
  jitter: 0,
};

const globalForInstance = globalThis as unknown as { pubforgeInstance?: InstanceState };

export function instanceState(): InstanceState {
  globalForInstance.pubforgeInstance ??= {
    subscribed: new Set(),
    retry: new Backoff(INSTANCE_RETRY),
  };
  return globalForInstance.pubforgeInstance;
}

export function instanceJid(): string {
  return config().PUBFORGE_INSTANCE_JID;
}

/** The pubsub service of the instance's own domain, where its account is an admin. */
export function instancePubsubService(): string {
  return `pubsub.${splitJid(instanceJid()).domain}`;
}

/** The pubsub services where the instance account may create nodes: its own domain's. */
export function isManagedService(service: string): boolean {
  return service === instancePubsubService();
}

/** The instance session if it is connected now (never waits for it to connect). */
export function connectedInstance(): XmppSession | undefined {
  const session = instanceState().session;
  return session && session.status !== "offline" ? session : undefined;
}
