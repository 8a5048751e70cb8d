import { BareJidSchema } from "@/lib/xmpp/jid";
import { addressOf } from "./client-address";
import { baseSecurityHeaders, contentSecurityPolicy } from "./security-headers";
import { signInWait } from "./sign-in-limits";

/**
 * A sign-in posted while its account or address is over the limit (sign-in-limits.ts), as an
 * HTTP answer: 429 and `Retry-After`, before the action runs. Only for posts a browser makes
 * without JavaScript, and scripts: the page's own script calls the action with a `Next-Action`
 * header and can show nothing but the action's answer, which says the same in the form.
 */
export async function refusedSignIn(
  request: Request,
  origin: string,
): Promise<Response | undefined> {
  if (request.method !== "POST" || new URL(request.url).pathname !== "/signin") return undefined;
  if (request.headers.has("next-action")) return undefined;
  const form = await request
    .clone()
    .formData()
    .catch(() => undefined);
  const jid = BareJidSchema.safeParse(form?.get("jid"));
  const wait = signInWait(jid.success ? jid.data : "", addressOf(request.headers));
  if (wait === 0) return undefined;
  return new Response(refusalPage(wait), {
    status: 429,
    headers: {
      "Retry-After": String(wait),
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": contentSecurityPolicy(crypto.randomUUID()),
      ...baseSecurityHeaders(origin),
    },
  });
}

function refusalPage(wait: number): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Too many sign-ins</title></head>
<body>
<main>
<h1>Too many failed sign-ins</h1>
<p>Try again in ${wait} seconds. Nothing was sent to your XMPP server.</p>
<p><a href="/signin">Back to sign-in</a></p>
</main>
</body>
</html>
`;
}
