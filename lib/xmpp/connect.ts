import { client, type Client } from "@xmpp/client";
import xml from "@xmpp/xml";
import { config, type HostMap } from "@/lib/config";
import { describeConnectError } from "./errors";
import { splitJid } from "./jid";
import "./scram-limits";

export interface ConnectOptions {
  jid: string;
  password: string;
  resource?: string;
  timeoutMs?: number;
  hosts?: HostMap;
  allowPlainOnLoopback?: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/**
 * Where to open the TCP stream for a domain. Test domains have no DNS, so the host map
 * (PUBFORGE_XMPP_HOSTS) wins; anything else goes through xmpp.js's own SRV resolution.
 */
export function serviceFor(domain: string, hosts: HostMap): { service: string; loopback: boolean } {
  const pinned = hosts[domain.toLowerCase()];
  if (pinned) {
    return {
      service: `xmpp://${pinned.host}:${pinned.port}`,
      loopback: LOOPBACK.test(pinned.host),
    };
  }
  return { service: `xmpp://${domain}`, loopback: false };
}

/**
 * Opens an authenticated XMPP session, or throws an XmppFailure a person can read.
 * SCRAM is the normal path (and always over TLS when the server offers it); PLAIN is chosen
 * only on loopback test servers, where SCRAM's ~0.5 s of CPU per login buys nothing.
 */
export async function connect(options: ConnectOptions): Promise<Client> {
  const { local, domain } = splitJid(options.jid);
  const hosts = options.hosts ?? config().PUBFORGE_XMPP_HOSTS;
  const allowPlain = options.allowPlainOnLoopback ?? config().PUBFORGE_ALLOW_PLAIN_ON_LOOPBACK;
  const { service, loopback } = serviceFor(domain, hosts);
  const password = options.password;
  const userAgent = xml("user-agent", { id: crypto.randomUUID() }, xml("software", {}, "Pubforge"));

  const xmpp = client({
    service,
    domain,
    resource: options.resource ?? `pubforge-${crypto.randomUUID().slice(0, 8)}`,
    credentials: async (authenticate, mechanisms) => {
      const plainAllowed = loopback && allowPlain && mechanisms.includes("PLAIN");
      const mechanism = plainAllowed ? "PLAIN" : mechanisms.find((m) => m !== "PLAIN");
      if (!mechanism) throw new Error("The server offers no SASL mechanism Pubforge trusts here");
      await authenticate({ username: local, password }, mechanism, userAgent);
    },
  });
  // Without a listener, an 'error' event would crash the process; the caller decides.
  xmpp.on("error", () => {});

  const timeoutMs = options.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      xmpp.start(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(Object.assign(new Error("timeout"), { name: "TimeoutError" })),
          timeoutMs,
        );
      }),
    ]);
  } catch (error) {
    xmpp.reconnect.stop();
    await xmpp.stop().catch(() => {});
    throw describeConnectError(error, domain);
  } finally {
    clearTimeout(timer);
  }
  return xmpp;
}
