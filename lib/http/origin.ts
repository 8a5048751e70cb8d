import { headers } from "next/headers";
import { config } from "@/lib/config";

/**
 * The origin people reach this instance at, for addresses shown to them (clone URLs): the
 * configured public origin, else the one the browser used for this request.
 */
export async function publicOrigin(): Promise<string> {
  const configured = config().PUBFORGE_PUBLIC_ORIGIN;
  if (configured) return configured.replace(/\/+$/, "");
  const request = await headers();
  const host = request.get("x-forwarded-host") ?? request.get("host") ?? "localhost:3000";
  const protocol = request.get("x-forwarded-proto") ?? "http";
  return `${protocol}://${host}`;
}
