import { NextResponse, type NextRequest } from "next/server";
import {
  baseSecurityHeaders,
  contentSecurityPolicy,
  newCspNonce,
} from "@/lib/http/security-headers";
import { refusedSignIn } from "@/lib/http/sign-in-refusal";

/**
 * Security headers on every page, with a fresh CSP nonce per request (see security-headers);
 * and a sign-in posted over the limit is answered 429 here (sign-in-refusal.ts).
 */
export async function proxy(request: NextRequest) {
  const origin = process.env.PUBFORGE_PUBLIC_ORIGIN ?? request.nextUrl.origin;
  const refused = await refusedSignIn(request, origin);
  if (refused) return refused;
  const nonce = newCspNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(baseSecurityHeaders(origin))) {
    response.headers.set(name, value);
  }
  return response;
}

export const config = {
  // Not for static files, nor for the Git smart HTTP and event-stream routes (no HTML there),
  // nor for the code browser's raw files, which carry a stricter policy of their own.
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon.ico|icon.svg|events|git/|p/[^/]+/[^/]+/code/raw/).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
