/**
 * XMPP URIs (RFC 5122) naming a pubsub node or item the way Libervia writes them in
 * `comments_uri` and Atom ids: `xmpp:pubsub.example?;node=<node>;item=<id>`.
 */
export interface PubsubAddress {
  readonly jid: string;
  readonly node?: string;
  readonly item?: string;
}

export function parseXmppUri(uri: string): PubsubAddress | undefined {
  if (!uri.startsWith("xmpp:")) return undefined;
  // An authority (`xmpp://me@example/...`) only says which account to act as; it is not the target.
  const rest = uri.slice(5).replace(/^\/\/[^/]*\//, "");
  const question = rest.indexOf("?");
  const path = question < 0 ? rest : rest.slice(0, question);
  const query = question < 0 ? "" : rest.slice(question + 1);
  try {
    const jid = decodeURIComponent(path);
    if (jid === "") return undefined;
    // The first `;`-separated part of the query is the action (empty in Libervia's URIs).
    const params = new Map(
      query
        .split(";")
        .slice(1)
        .map((pair): [string, string] => {
          const eq = pair.indexOf("=");
          return eq < 0 ? [pair, ""] : [pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1))];
        }),
    );
    const node = params.get("node");
    const item = params.get("item");
    return { jid, ...(node !== undefined && { node }), ...(item !== undefined && { item }) };
  } catch {
    // Malformed percent-encoding.
    return undefined;
  }
}

export function formatXmppUri({ jid, node, item }: PubsubAddress): string {
  const path = encodeComponent(jid).replace(/%40/g, "@").replace(/%2F/g, "/");
  const params = [
    ...(node !== undefined ? [`node=${encodeComponent(node)}`] : []),
    ...(item !== undefined ? [`item=${encodeComponent(item)}`] : []),
  ];
  return params.length === 0 ? `xmpp:${path}` : `xmpp:${path}?;${params.join(";")}`;
}

// Python's quote(s, safe=""), which Libervia uses: also escapes the !'()* that
// encodeURIComponent leaves alone, so our URIs compare equal to Libervia's.
function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
