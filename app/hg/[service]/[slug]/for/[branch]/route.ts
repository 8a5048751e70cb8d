import type { NextRequest } from "next/server";
import { serveHgPushForReview } from "@/lib/forge/repositories/hg-review";
import { actionError } from "@/lib/http/action-result";
import { publicOrigin } from "@/lib/http/origin";
import { repositoryPrincipal } from "@/lib/http/repository-auth";

/** `/p/<service>/<slug>.hg/for/<branch>` (rewritten here by next.config.ts): hg push for review. */
async function handle(
  request: NextRequest,
  { params }: { params: Promise<{ service: string; slug: string; branch: string }> },
): Promise<Response> {
  const { service, slug, branch } = await params;
  const from = await repositoryPrincipal(request.headers.get("authorization"));
  if (!from.ok) return from.response;
  return serveHgPushForReview(
    decodeURIComponent(service),
    decodeURIComponent(slug),
    decodeURIComponent(branch),
    from.principal,
    {
      scriptName: `/p/${service}/${slug}.hg/for/${branch}`,
      method: request.method,
      query: request.nextUrl.search.slice(1),
      headers: request.headers,
      body: request.body,
    },
    { origin: await publicOrigin(), explain: (error) => actionError(error).message },
  );
}

export { handle as GET, handle as POST };
