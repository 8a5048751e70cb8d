import { projectCommentsUris } from "@/lib/cache/projects";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";

/** The comments nodes of a project's tickets and merge requests that live on its own service. */
export async function homeCommentsNodes(project: {
  id: string;
  service: string;
}): Promise<string[]> {
  const nodes = (await projectCommentsUris(project.id))
    .map((uri) => parseXmppUri(uri))
    .filter((uri) => uri?.jid === project.service && uri.node)
    .map((uri) => uri!.node!);
  return [...new Set(nodes)];
}
