const BASE = "http://pubforge.invalid";

/**
 * A path on this site to go to after signing in, or `/`. An open redirect would make the
 * sign-in page a phishing tool, and browsers read `/\evil.example` (and tabs or newlines inside
 * it) as `//evil.example`, so the value is resolved as a browser would before it is trusted.
 */
export function sameOriginPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE || /[\\\t\n\r]/.test(value)) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
