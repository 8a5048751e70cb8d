import type { Actor, Viewer } from "@/lib/forge/viewer";
import { projectNodes } from "@/lib/forge/nodes";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems, publish } from "@/lib/xmpp/pubsub";
import { decodeLogRecord, encodeLogRecord, type LogAction, type LogRecord } from "./codec";
import { createdMissingModerationNodes } from "./nodes";
import { type ModeratedProject, type Moderator, moderatorFor, requireMaintainer } from "./rights";

/**
 * Adds what a maintainer did to the project's moderation log (`forge/<slug>/moderation-log`,
 * readable by its affiliates only). The log is read from pubsub each time, never cached: the
 * shared cache holds nothing only some may read.
 */
export async function appendLog(
  viewer: Viewer,
  project: ModeratedProject,
  moderator: Moderator,
  entry: { action: LogAction; target: string; what: string },
): Promise<void> {
  const node = projectNodes(project.slug).moderationLog;
  const record = encodeLogRecord({ ...entry, by: viewer.jid, at: new Date().toISOString() });
  const send = (actor: Actor) => publish(actor.session, project.service, node, record);
  await moderator.act(project.service, node, (actor) =>
    send(actor).catch(async (error: unknown) => {
      if (!(await createdMissingModerationNodes(viewer, project, error))) throw error;
      return send(actor);
    }),
  );
}

export interface LogEntry extends LogRecord {
  id: string;
}

/** The moderation log, newest first (in the service's order, not by the dates entries claim). */
export async function readModerationLog(
  viewer: Viewer,
  project: ModeratedProject,
): Promise<LogEntry[]> {
  await requireMaintainer(viewer, project);
  const node = projectNodes(project.slug).moderationLog;
  const items = await moderatorFor(viewer, project)
    .act(project.service, node, (actor) => getItems(actor.session, project.service, node))
    .catch((error: unknown) => {
      if (isFailure(error, "item-not-found")) return [];
      throw error;
    });
  return items
    .flatMap((item) => {
      const decoded = decodeLogRecord(item.payload);
      return decoded.ok ? [{ id: item.id, ...decoded.record }] : [];
    })
    .reverse();
}
