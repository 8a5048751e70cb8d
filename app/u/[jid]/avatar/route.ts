import { loadProfile } from "@/lib/forge/profiles/profile";
import { decodeSegment } from "@/lib/forge/routes";
import { currentViewer } from "@/lib/http/browser-session";
import { BareJidSchema } from "@/lib/xmpp/jid";

/**
 * A person's avatar, as checked bytes: one of four image types, known from the bytes themselves,
 * at most 256 KB (lib/forge/profiles/avatar.ts). Never a redirect to the person's server.
 */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ jid: string }> },
): Promise<Response> {
  const jid = BareJidSchema.safeParse(decodeSegment((await params).jid) ?? "");
  const profile = jid.success ? await loadProfile(jid.data, await currentViewer()) : undefined;
  if (!profile?.avatar) return new Response("No avatar.\n", { status: 404 });
  return new Response(new Uint8Array(profile.avatar.bytes), {
    headers: {
      "Content-Type": profile.avatar.type,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
      "Cache-Control": "private, max-age=120",
    },
  });
}
