import type { NextRequest } from "next/server";
import { serveProjectRepository } from "@/lib/forge/repositories/http";
import { actionError } from "@/lib/http/action-result";
import { publicOrigin } from "@/lib/http/origin";
import { repositoryPrincipal } from "@/lib/http/repository-auth";

/** `/p/<service>/<slug>.git/…` (rewritten here by next.config.ts): Git's smart HTTP protocol. */
async function handle(
  request: NextRequest,
  { params }: { params: Promise<{ service: string; slug: string; path: string[] }> },
): Promise<Response> {
  const { service, slug, path } = await params;
  const from = await repositoryPrincipal(request.headers.get("authorization"));
  if (!from.ok) return from.response;
  return serveProjectRepository(
    decodeURIComponent(service),
    decodeURIComponent(slug),
    from.principal,
    {
      path: path.map(decodeURIComponent).join("/"),
      method: request.method,
      query: request.nextUrl.search.slice(1),
      contentType: request.headers.get("content-type"),
      contentEncoding: request.headers.get("content-encoding"),
      gitProtocol: request.headers.get("git-protocol"),
      contentLength: request.headers.get("content-length"),
      body: request.body,
    },
    { origin: await publicOrigin(), explain: (error) => actionError(error).message },
  );
}

export { handle as GET, handle as POST };
