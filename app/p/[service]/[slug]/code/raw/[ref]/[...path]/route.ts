import { serveRawFile } from "@/lib/forge/code/raw";
import { projectId } from "@/lib/forge/nodes";
import { decodeSegment } from "@/lib/forge/routes";
import { currentViewer } from "@/lib/http/browser-session";
import { publicOrigin } from "@/lib/http/origin";
import { baseSecurityHeaders } from "@/lib/http/security-headers";

/** A file of the project's repository as bytes (lib/forge/code/raw.ts says how it is served). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ service: string; slug: string; ref: string; path: string[] }> },
): Promise<Response> {
  const { service, slug, ref, path } = await params;
  const [home, name, rev, ...names] = [service, slug, ref, ...path].map(decodeSegment);
  if ([home, name, rev, ...names].some((segment) => segment === undefined)) {
    return new Response("This address is not well formed.\n", { status: 400 });
  }
  const response = await serveRawFile(
    projectId(home!, name!),
    await currentViewer(),
    rev!,
    names.join("/"),
  );
  // proxy.ts leaves this route alone (its CSP would replace the sandbox): the other headers here.
  for (const [header, value] of Object.entries(baseSecurityHeaders(await publicOrigin()))) {
    response.headers.set(header, value);
  }
  return response;
}
