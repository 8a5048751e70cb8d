import type { Ticket } from "@/lib/generated/prisma/client";

/**
 * A ticket row as sync builds it. `authorJid` is who filed the ticket: the item's own
 * `author_jid`, or failing that its publisher. That guess only holds for a new row
 * (`keepAuthorJid`): a later version without the field, e.g. after Libervia's update dropped
 * it, was published by an editor, and the stored author stays.
 */
export type TicketRecord = Omit<Ticket, "commentCount"> & {
  commentCount?: number;
  keepAuthorJid?: boolean;
};
