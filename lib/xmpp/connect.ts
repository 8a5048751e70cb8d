import { Resolver } from "node:dns/promises";
import type { Socket } from "node:net";
import { client, type Client } from "@xmpp/client";
import xml from "@xmpp/xml";
import { config, type HostMap } from "@/lib/config";
import { describeConnectError, XmppFailure } from "./errors";
import { bareJid, splitJid } from "./jid";
import "./scram-limits";
import { requireScramServerProof } from "./scram-server-proof";
import { serverAddresses, type ServerAddress, type XmppDns } from "./server-addresses";

export interface ConnectOptions {
  jid: string;
  password: string;
  resource?: string;
  /** The whole sign-in: DNS, every address tried, TLS and SASL. */
  timeoutMs?: number;
  /** How long one address may take to accept the TCP connection before the next is tried. */
  addressTimeoutMs?: number;
  hosts?: HostMap;
  allowPlainOnLoopback?: boolean;
  dns?: XmppDns;
}

let systemDns: XmppDns | undefined;
const defaultDns = () => (systemDns ??= new Resolver({ timeout: 3_000, tries: 2 }));

const timeoutError = () => Object.assign(new Error("timeout"), { name: "TimeoutError" });

/**
 * Opens an authenticated XMPP session, or throws an XmppFailure a person can read. The server
 * is found by `serverAddresses` (pinned, SRV, or the domain's own addresses; never a private
 * address unless pinned), tried address by address within one deadline. Off loopback the
 * password goes only over TLS with a verified certificate (Node's default, for the domain's
 * name), and only by SCRAM, whose server signature must then prove the server knew it. PLAIN
 * is chosen only on loopback test servers, where SCRAM's ~0.5 s of CPU per login buys nothing.
 */
export async function connect(options: ConnectOptions): Promise<Client> {
  const { domain } = splitJid(options.jid);
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), options.timeoutMs ?? 15_000);
  });
  try {
    return await Promise.race([openFirst(options, abort.signal), deadline]);
  } catch (error) {
    abort.abort();
    throw describeConnectError(error, domain);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * RFC 6120 §3.2.1: the next address is tried only when the TCP connection to one fails; once
 * a server has answered, its refusal is the answer (a password is never tried twice).
 */
async function openFirst(options: ConnectOptions, signal: AbortSignal): Promise<Client> {
  const { domain } = splitJid(options.jid);
  const hosts = options.hosts ?? config().PUBFORGE_XMPP_HOSTS;
  const addresses = await serverAddresses(domain, { hosts, dns: options.dns ?? defaultDns() });
  let unreachable: unknown = timeoutError();
  for (const server of addresses) {
    if (signal.aborted) break;
    const { xmpp, checkSignedIn } = createClient(options, server);
    const onAbort = () => void abandon(xmpp);
    signal.addEventListener("abort", onAbort, { once: true });
    const outcome = await openOn(xmpp, options.addressTimeoutMs ?? 5_000);
    signal.removeEventListener("abort", onAbort);
    if (signal.aborted) break; // the deadline passed, and onAbort let go of this client
    if (outcome.ok) {
      try {
        checkSignedIn();
        return xmpp;
      } catch (error) {
        await abandon(xmpp);
        throw error;
      }
    }
    await abandon(xmpp, outcome.connected);
    if (outcome.connected) throw outcome.error;
    unreachable = outcome.error;
  }
  throw unreachable;
}

type Outcome = { ok: true } | { ok: false; connected: boolean; error: unknown };

/** Starts the stream on the client's address; `connected` says whether TCP got through. */
function openOn(xmpp: Client, addressTimeoutMs: number): Promise<Outcome> {
  let connected = false;
  let timer: NodeJS.Timeout | undefined;
  xmpp.once("connect", () => {
    connected = true;
    clearTimeout(timer);
  });
  return Promise.race([
    xmpp.start().then(
      (): Outcome => ({ ok: true }),
      (error: unknown): Outcome => ({ ok: false, connected, error }),
    ),
    new Promise<Outcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, connected, error: timeoutError() }),
        addressTimeoutMs,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One address's client, with the checks that make its sign-in trustworthy. */
function createClient(
  options: ConnectOptions,
  server: ServerAddress,
): { xmpp: Client; checkSignedIn(): void } {
  const { local, domain } = splitJid(options.jid);
  const plainAllowed =
    server.loopback && (options.allowPlainOnLoopback ?? config().PUBFORGE_ALLOW_PLAIN_ON_LOOPBACK);
  const userAgent = xml("user-agent", { id: crypto.randomUUID() }, xml("software", {}, "Pubforge"));
  const literal = server.address.includes(":") ? `[${server.address}]` : server.address;
  let authenticated = false;

  const xmpp = client({
    service: `xmpp://${literal}:${server.port}`,
    domain,
    resource: options.resource ?? `pubforge-${crypto.randomUUID().slice(0, 8)}`,
    // Runs once the stream is negotiated up to SASL: after STARTTLS when the server offered it.
    credentials: async (authenticate, mechanisms) => {
      if (!server.loopback && !xmpp.isSecure()) {
        throw new XmppFailure(
          "insecure",
          `“${domain}” does not offer encryption; Pubforge will not send your password in the clear.`,
        );
      }
      const mechanism = chooseMechanism(mechanisms, plainAllowed, domain);
      await authenticate({ username: local, password: options.password }, mechanism, userAgent);
      checkServerProof();
      authenticated = true;
    },
  });
  const checkServerProof = requireScramServerProof(xmpp, domain);
  // Every stream of this client, reconnects included, goes to the address that was checked,
  // never to one a second DNS answer names; a server's `see-other-host` redirect (to an
  // address nobody checked) is an error like any other stream error, not a new destination.
  const internals = xmpp as unknown as {
    socketParameters(): object;
    _onSeeOtherHost(error: Error): void;
  };
  internals.socketParameters = () => ({ host: server.address, port: server.port });
  internals._onSeeOtherHost = (error) => xmpp.emit("error", error);
  // Without a listener, an 'error' event would crash the process; the caller decides.
  xmpp.on("error", () => {});

  return {
    xmpp,
    checkSignedIn() {
      if (!authenticated) {
        throw new XmppFailure(
          "insecure",
          `“${domain}” let Pubforge in without checking a password, so it cannot be your server.`,
        );
      }
      const bound = bareJid(String(xmpp.jid)).toLowerCase();
      if (bound !== `${local}@${domain}`.toLowerCase()) {
        throw new XmppFailure(
          "insecure",
          `“${domain}” signed you in as “${bound}”, not as the address you gave. Pubforge has closed the connection.`,
        );
      }
    },
  };
}

function chooseMechanism(offered: string[], plainAllowed: boolean, domain: string): string {
  if (plainAllowed && offered.includes("PLAIN")) return "PLAIN";
  if (offered.includes("SCRAM-SHA-1")) return "SCRAM-SHA-1";
  throw new XmppFailure(
    "insecure",
    `“${domain}” offers no sign-in method Pubforge trusts (it needs SCRAM-SHA-1).`,
  );
}

async function abandon(xmpp: Client, connected = true): Promise<void> {
  xmpp.reconnect.stop();
  // A socket that never connected would hold stop() for its whole close timeout.
  if (!connected) (xmpp.socket as Socket | null)?.destroy();
  await xmpp.stop().catch(() => {});
}
