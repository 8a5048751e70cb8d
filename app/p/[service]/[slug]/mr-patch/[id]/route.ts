import { findProject } from "@/lib/cache/projects";
import { canViewProject } from "@/lib/forge/projects/access";
import { findMergeRequestByRef } from "@/lib/forge/items/refs";
import { projectId } from "@/lib/forge/nodes";
import { currentViewer } from "@/lib/http/browser-session";

/** The latest series of a merge request, as `git am` or `hg import` takes it. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ service: string; slug: string; id: string }> },
): Promise<Response> {
  const { service, slug, id } = await params;
  const project = await findProject(
    projectId(decodeURIComponent(service), decodeURIComponent(slug)),
  );
  if (!project || !(await canViewProject(project.id, await currentViewer()))) {
    return new Response("No such merge request, or no access to it.\n", { status: 404 });
  }
  const request = await findMergeRequestByRef(project, id);
  if (!request) return new Response("No such merge request.\n", { status: 404 });
  return new Response(request.patch, {
    headers: {
      "Content-Type": "text/x-patch; charset=utf-8",
      "Content-Disposition": `attachment; filename="${project.slug}-mr-${request.itemId.slice(0, 8)}-r${request.revision}.patch"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
