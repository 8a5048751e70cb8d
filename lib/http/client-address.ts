import { headers } from "next/headers";

/**
 * The address a request came from, as the nearest proxy saw it: the last entry of
 * X-Forwarded-For (Next.js's own server appends the socket's address; a client's forged
 * entries come before it). "unknown" when there is none.
 */
export function addressOf(requestHeaders: Headers): string {
  const forwarded = requestHeaders.get("x-forwarded-for") ?? "";
  return forwarded.split(",").at(-1)?.trim() || "unknown";
}

/** The address of the request being handled (see addressOf). */
export async function clientAddress(): Promise<string> {
  return addressOf(await headers());
}
