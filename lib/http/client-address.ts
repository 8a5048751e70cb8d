import { headers } from "next/headers";

/**
 * The address a request came from, as the nearest proxy saw it: the last entry of
 * X-Forwarded-For, the one haproxy (scripts/processes.sh) or a TLS proxy in front appends after
 * any a client forged. Next.js sets the header only when a request has none, so an app process
 * reached directly would believe a client's: they listen on loopback only for that reason
 * (docs/security.md). "unknown" when there is none.
 */
export function addressOf(requestHeaders: Headers): string {
  const forwarded = requestHeaders.get("x-forwarded-for") ?? "";
  return forwarded.split(",").at(-1)?.trim() || "unknown";
}

/** The address of the request being handled (see addressOf). */
export async function clientAddress(): Promise<string> {
  return addressOf(await headers());
}
