import type { Project } from "@/lib/generated/prisma/client";
import { subscribe } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { homeCommentsNodes } from "@/lib/forge/projects/comments-nodes";
import { projectContentNodes } from "@/lib/forge/nodes";
import { applyPubsubEvent } from "@/lib/forge/sync/sync";

/**
 * Live updates for a members-only project that the instance account cannot follow (it lives on
 * another server, whose service refuses non-members): a member's own session subscribes, with
 * its full JID so that only Pubforge's resource is notified and the subscription ends with it,
 * and what it hears updates the shared cache. The cache still shows the project only to
 * viewers whose own session the service lets read it (see access.ts).
 */
const followed = new WeakMap<XmppSession, Set<string>>();

export async function followAsViewer(session: XmppSession, project: Project): Promise<void> {
  let projects = followed.get(session);
  if (!projects) {
    projects = new Set();
    followed.set(session, projects);
    session.on("pubsub", (event) => {
      applyPubsubEvent(event)
        .then((result) => subscribeAll(session, result?.commentsNodes ?? []))
        .catch((error) => console.warn(`[viewer] could not apply an event: ${error}`));
    });
  }
  if (projects.has(project.id)) return;
  projects.add(project.id);
  const nodes = [...projectContentNodes(project.slug), ...(await homeCommentsNodes(project))];
  await subscribeAll(
    session,
    nodes.map((node) => ({ service: project.service, node })),
  );
}

async function subscribeAll(
  session: XmppSession,
  nodes: { service: string; node: string }[],
): Promise<void> {
  for (const { service, node } of nodes) {
    await subscribe(session, service, node, session.address).catch((error: unknown) => {
      // A node an older project lacks, or one the service keeps to maintainers: no updates.
      console.warn(`[viewer] ${session.jid} cannot follow ${node}: ${(error as Error).message}`);
    });
  }
}
