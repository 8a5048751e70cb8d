import { splitJid } from "@/lib/xmpp/jid";

/**
 * Whose word Pubforge takes about what a pubsub service holds. A user's own XMPP server can
 * answer any request the user's session sends, in any address's name (replies are matched by
 * id), so a viewer's session is believed about `service` only where its server could not lie:
 * the server hosts the service (the same domain, or a component one label under it), or it is the instance's
 * own server, which the operator already trusts with the instance account.
 */
export function sessionVouchedFor(
  sessionJid: string,
  service: string,
  instanceJid: string,
): boolean {
  const server = splitJid(sessionJid).domain.toLowerCase();
  if (server === splitJid(instanceJid).domain.toLowerCase()) return true;
  const host = service.toLowerCase();
  // A component sits one label under its server (pubsub.b.test); a bare name (`test`) is
  // nobody's server that hosts others.
  const parent = host.slice(host.indexOf(".") + 1);
  return server.includes(".") && (host === server || parent === server);
}
