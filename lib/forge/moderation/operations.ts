import { z } from "zod";
import { blockListOf, isBlocked } from "@/lib/cache/moderation";
import { revisionNumbers } from "@/lib/cache/merge-requests";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { revisionItemId } from "@/lib/forge/merge-requests/revision-codec";
import { projectNodes } from "@/lib/forge/nodes";
import { loadProject } from "@/lib/forge/projects/load-project";
import { homeCommentsNodes } from "@/lib/forge/projects/comments-nodes";
import { isFailure, XmppFailure } from "@/lib/xmpp/errors";
import { type Affiliation, setAffiliations } from "@/lib/xmpp/pubsub";
import { blockItemId, BlockTargetSchema, encodeBlock } from "./codec";
import { itemOfProject, ModeratedKindSchema } from "./items";
import { appendLog } from "./log";
import { publishModerationItem, retractAndApplyIfThere } from "./writes";
import { maintainersOf } from "@/lib/forge/projects/affiliations";
import { affiliationsAsFarAsKnown } from "@/lib/forge/projects/maintainers";
import { type ModeratedProject, type Moderator, moderatorFor, requireMaintainer } from "./rights";

export const BlockSchema = z.object({ target: BlockTargetSchema });

/** On how many of the project's nodes the service took the affiliation, and how many refused. */
export interface AffiliationReport {
  accepted: number;
  refused: number;
}

/**
 * Blocks a JID or a whole domain: a block item on the project's moderation node (from which
 * every instance hides what it published), then the `outcast` affiliation on every node of the
 * project's layout where the service takes it. Prosody 0.12 keeps an outcast from reading and
 * subscribing, but still lets him publish to a node whose publish model is open, and ignores an
 * affiliation given to a bare domain for that domain's users: Pubforge's hiding covers both.
 */
export async function blockPublisher(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<AffiliationReport> {
  const { target } = BlockSchema.parse(input);
  const project = await loadProject(projectId);
  await requireMaintainer(viewer, project);
  await refuseProtectedTarget(viewer, project, target);
  const moderator = moderatorFor(viewer, project);
  const block = encodeBlock({ target, by: viewer.jid, at: new Date().toISOString() });
  await publishModerationItem(viewer, project, moderator, block, blockItemId(target));
  const report = await affiliateOnLayout(project, moderator, target, "outcast");
  await appendLog(viewer, project, moderator, { action: "block", target, what: target });
  return report;
}

/** Lifts a block: its item is retracted and the outcast affiliations removed. */
export async function unblockPublisher(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<AffiliationReport> {
  const { target } = BlockSchema.parse(input);
  const project = await loadProject(projectId);
  await requireMaintainer(viewer, project);
  const moderator = moderatorFor(viewer, project);
  const node = projectNodes(project.slug).moderation;
  await retractAndApplyIfThere(moderator, project.service, node, blockItemId(target));
  const report = await affiliateOnLayout(project, moderator, target, "none");
  await appendLog(viewer, project, moderator, { action: "unblock", target, what: target });
  return report;
}

export const DeleteSchema = z.object({
  kind: ModeratedKindSchema,
  id: z.string().min(1).max(3000),
});

/**
 * Deletes a ticket, merge request (with every revision it carried) or comment of the project:
 * the item is retracted with notify, so every follower drops it.
 */
export async function deleteItem(viewer: Viewer, projectId: string, input: unknown): Promise<void> {
  const { kind, id } = DeleteSchema.parse(input);
  const project = await loadProject(projectId);
  await requireMaintainer(viewer, project);
  const item = await itemOfProject(project, kind, id);
  const moderator = moderatorFor(viewer, project);
  // Read before the merge request goes: applying its retraction drops its revisions' rows.
  const carried = kind === "merge-request" ? await revisionNumbers(id) : [];
  await retractAndApplyIfThere(moderator, item.service, item.node, item.itemId);
  for (const revision of carried) {
    await retractAndApplyIfThere(
      moderator,
      project.service,
      projectNodes(project.slug).mergeRequestRevisions,
      revisionItemId(item.itemId, revision),
    ).catch((error: unknown) => {
      if (!(error instanceof XmppFailure)) throw error;
    });
  }
  await appendLog(viewer, project, moderator, { action: "delete", target: id, what: item.what });
}

/**
 * Nobody blocks themselves, and no maintainer blocks another (the instance lends its rights to
 * any maintainer, a publisher included: it must not let one shut an owner out), whether by JID
 * or by domain. Who the maintainers are is asked of the service: through the instance on its
 * own service, elsewhere through an owner's session (others cannot set affiliations there).
 */
async function refuseProtectedTarget(
  viewer: Viewer,
  project: ModeratedProject,
  target: string,
): Promise<void> {
  const blocks = blockListOf([target]);
  if (isBlocked(blocks, viewer.jid)) throw new ForgeError("cannot-block-self");
  const affiliations = await affiliationsAsFarAsKnown(viewer, project);
  const maintainer = maintainersOf(affiliations).find((jid) => isBlocked(blocks, jid));
  if (maintainer) throw new ForgeError("cannot-block-maintainer", { maintainer });
}

/** Sets one JID's affiliation on every node of the project's layout, as far as the service lets. */
async function affiliateOnLayout(
  project: ModeratedProject,
  moderator: Moderator,
  jid: string,
  affiliation: Affiliation,
): Promise<AffiliationReport> {
  const report: AffiliationReport = { accepted: 0, refused: 0 };
  const nodes = [
    ...Object.values(projectNodes(project.slug)),
    ...(await homeCommentsNodes(project)),
  ];
  for (const node of nodes) {
    try {
      await moderator.act(project.service, node, (actor) =>
        setAffiliations(actor.session, project.service, node, { [jid]: affiliation }),
      );
      report.accepted++;
    } catch (error) {
      // An older project lacks some nodes; a service may refuse some affiliations.
      if (isFailure(error, "item-not-found")) continue;
      if (!(error instanceof XmppFailure)) throw error;
      report.refused++;
    }
  }
  return report;
}
