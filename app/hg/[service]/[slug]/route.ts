import type { NextRequest } from "next/server";
import { serveProjectHgRepository } from "@/lib/forge/repositories/http";
import { repositoryPrincipal } from "@/lib/http/repository-auth";

/** `/p/<service>/<slug>.hg` (rewritten here by next.config.ts): Mercurial's wire protocol. */
async function handle(
  request: NextRequest,
  { params }: { params: Promise<{ service: string; slug: string }> },
): Promise<Response> {
  const { service, slug } = await params;
  const from = await repositoryPrincipal(request.headers.get("authorization"));
  if (!from.ok) return from.response;
  return serveProjectHgRepository(
    decodeURIComponent(service),
    decodeURIComponent(slug),
    from.principal,
    {
      scriptName: `/p/${service}/${slug}.hg`,
      method: request.method,
      query: request.nextUrl.search.slice(1),
      headers: request.headers,
      body: request.body,
    },
  );
}

export { handle as GET, handle as POST };
