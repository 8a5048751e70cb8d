import { listThreadLocks } from "@/lib/cache/moderation";
import { findMergeRequestByCommentsUri } from "@/lib/cache/merge-requests";
import { findTicketByCommentsUri } from "@/lib/cache/tickets";
import { mergeRequestPath, projectPath, ticketPath } from "@/lib/forge/routes";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import type { LogAction } from "./codec";

/** The locked threads of a project, each with the ticket or merge request it belongs to. */
export async function lockedThreads(projectId: string) {
  const base = projectPath(projectId);
  const locks = await listThreadLocks(projectId);
  return Promise.all(
    locks.map(async (lock) => {
      const uri = formatXmppUri({ jid: lock.threadService, node: lock.threadNode });
      const ticket = await findTicketByCommentsUri(uri);
      const request = ticket ? null : await findMergeRequestByCommentsUri(uri);
      const parent = ticket
        ? { id: ticket.id, title: ticket.title, href: ticketPath(base, ticket) }
        : request
          ? { id: request.id, title: request.title, href: mergeRequestPath(base, request) }
          : undefined;
      return { lock, parent };
    }),
  );
}

/** How the log page words each action. */
export const LOG_VERBS: Record<LogAction, string> = {
  block: "blocked",
  unblock: "unblocked",
  delete: "deleted",
  lock: "locked the thread of",
  unlock: "unlocked the thread of",
};
