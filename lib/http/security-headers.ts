/**
 * The headers every response carries. Pages get a Content-Security-Policy with a fresh nonce:
 * Next.js reads the nonce from the request's policy and puts it on its own scripts, so nothing
 * else (a script smuggled into a ticket's XHTML, say) runs. Rendered user content is sanitised
 * as well; the policy is the second wall. Styles may be inline: React's style attributes and
 * the diff highlighter need it, and styles cannot run code.
 */
/** A fresh nonce for one response's policy (proxy.ts, and page-cache-server.ts for a kept page). */
export function newCspNonce(): string {
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  const scripts = [`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`];
  if (options.dev) scripts.push(`'unsafe-eval'`); // React's dev build evaluates source maps
  return [
    `default-src 'self'`,
    `script-src ${scripts.join(" ")}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join("; ");
}

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/;

/** Whether this origin is plain HTTP on the machine itself (the demo, the tests). */
export function isPlainLoopback(origin: string): boolean {
  const url = URL.canParse(origin) ? new URL(origin) : undefined;
  return url?.protocol === "http:" && LOOPBACK_HOST.test(url.host);
}

/** Headers for any response; HSTS only where the origin is https. */
export function baseSecurityHeaders(origin: string): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  };
  if (origin.startsWith("https:")) {
    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  }
  return headers;
}
