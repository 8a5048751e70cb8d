import { headers } from "next/headers";

/**
 * The address a request came from, as the nearest proxy saw it: the last entry of
 * X-Forwarded-For (Next.js's own server appends the socket's address; a client's forged
 * entries come before it). "unknown" when there is none.
 */
export async function clientAddress(): Promise<string> {
  const forwarded = (await headers()).get("x-forwarded-for") ?? "";
  return forwarded.split(",").at(-1)?.trim() || "unknown";
}
