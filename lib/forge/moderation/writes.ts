import type { Element } from "@xmpp/xml";
import type { Viewer } from "@/lib/forge/viewer";
import { projectNodes } from "@/lib/forge/nodes";
import { publishAndApply, retractAndApply } from "@/lib/forge/sync/publish-and-apply";
import { applyRetractions } from "@/lib/forge/sync/sync";
import { isFailure } from "@/lib/xmpp/errors";
import { createdMissingModerationNodes } from "./nodes";
import type { ModeratedProject, Moderator } from "./rights";

// The writes moderation makes, each through a Moderator (the maintainer, or the instance
// lending its rights where rights.ts allows) and into the cache as publishAndApply does.

/** Publishes a block or lock on the moderation node, creating the node for an older project. */
export async function publishModerationItem(
  viewer: Viewer,
  project: ModeratedProject,
  moderator: Moderator,
  payload: Element,
  itemId: string,
): Promise<void> {
  const node = projectNodes(project.slug).moderation;
  await moderator.act(project.service, node, (actor) =>
    publishAndApply(actor, project.service, node, payload, {
      itemId,
      repaired: (error) => createdMissingModerationNodes(viewer, project, error),
    }),
  );
}

/** Retracts an item; one already gone from the service is dropped from the cache too. */
export async function retractAndApplyIfThere(
  moderator: Moderator,
  service: string,
  node: string,
  itemId: string,
): Promise<void> {
  await moderator
    .act(service, node, (actor) => retractAndApply(actor, service, node, itemId))
    .catch(async (error: unknown) => {
      if (!isFailure(error, "item-not-found")) throw error;
      await applyRetractions(service, node, [itemId]);
    });
}
