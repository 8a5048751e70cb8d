import { projectCommentsUris } from "@/lib/cache/projects";
import { classifyNode } from "@/lib/forge/nodes";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";

/**
 * The comments nodes of a project's tickets and merge requests that live on its own service
 * and are named as the project's own (`…comments/<its tracker>_…`). A ticket may name any node
 * as its thread: one outside the layout is never followed, mirrored or handed to maintainers
 * with the instance's admin rights.
 */
export async function homeCommentsNodes(project: {
  id: string;
  service: string;
  slug: string;
}): Promise<string[]> {
  const nodes = (await projectCommentsUris(project.id))
    .map((uri) => parseXmppUri(uri))
    .filter((uri) => uri?.jid === project.service && uri.node)
    .map((uri) => uri!.node!)
    .filter((node) => {
      const role = classifyNode(node);
      return role?.role === "comments" && role.slug === project.slug;
    });
  return [...new Set(nodes)];
}
