import type { Viewer } from "@/lib/forge/viewer";
import { closingReferences } from "@/lib/forge/items/closing-references";
import { findTicketByRef } from "@/lib/forge/items/refs";
import type { ProjectRef } from "@/lib/forge/projects/affiliations";
import { CLOSED_TICKET_STATUS } from "@/lib/forge/statuses";
import { updateTicket } from "@/lib/forge/tickets/operations";
import { adapterFor } from "@/lib/scm/index";
import type { ScmKind } from "@/lib/scm/types";
import type { MergeRequest } from "./codec";

/**
 * After a merge: the project's tickets the merge request says it closes, in its description or
 * its commits' messages (closing-references.ts), are closed in the merger's name, each with its
 * timeline event. One that cannot be closed (unknown number, refused, away) does not undo the
 * merge: it is logged and left as it is. Returns the numbers closed.
 */
export async function closeReferencedTickets(
  viewer: Viewer,
  project: Pick<ProjectRef, "id" | "service" | "slug">,
  scm: ScmKind,
  request: Pick<MergeRequest, "bodyMarkdown" | "patch">,
): Promise<number[]> {
  const messages = adapterFor(scm)
    .parseSeries(request.patch)
    .changesets.map((changeset) => changeset.message);
  const closed: number[] = [];
  for (const number of closingReferences([request.bodyMarkdown ?? "", ...messages].join("\n"))) {
    const ticket = await findTicketByRef(project, String(number));
    if (!ticket || ticket.status === CLOSED_TICKET_STATUS) continue;
    try {
      await updateTicket(viewer, ticket.id, { status: CLOSED_TICKET_STATUS });
      closed.push(number);
    } catch (error) {
      console.warn(`[merge] could not close #${number} of ${project.id}: ${String(error)}`);
    }
  }
  return closed;
}
