import { z } from "zod";

// Statuses are wire values of Libervia's schemas; Libervia drops a list value that is not an
// option of the tracker's schema, so a status added here must also be published there.

/** A ticket's statuses, in the order of Libervia's tickets schema. */
export const TICKET_STATUSES = ["queued", "started", "review", "closed"] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);
export type KnownTicketStatus = z.infer<typeof TicketStatusSchema>;
/** Other clients may write statuses Pubforge does not know; they are kept as they come. */
export type TicketStatus = KnownTicketStatus | (string & {});
export const DEFAULT_TICKET_STATUS = "queued" satisfies KnownTicketStatus;

/** A merge request's statuses: Libervia's, in its schema's order, plus Pubforge's `closed`. */
export const MERGE_REQUEST_STATUSES = ["queued", "review", "merged", "rejected", "closed"] as const;
export const MergeRequestStatusSchema = z.enum(MERGE_REQUEST_STATUSES);
export type KnownMergeRequestStatus = z.infer<typeof MergeRequestStatusSchema>;
export type MergeRequestStatus = KnownMergeRequestStatus | (string & {});
export const DEFAULT_MERGE_REQUEST_STATUS = "queued" satisfies KnownMergeRequestStatus;

/** The statuses a person may set by hand: `merged` only comes from merging. */
export const SETTABLE_MERGE_REQUEST_STATUSES = [
  "queued",
  "review",
  "closed",
  "rejected",
] as const satisfies readonly KnownMergeRequestStatus[];
export const SettableMergeRequestStatusSchema = z.enum(SETTABLE_MERGE_REQUEST_STATUSES);

/** Statuses that end the work on a merge request: it can no longer be merged or revised. */
export const FINISHED_MERGE_REQUEST_STATUSES: readonly string[] = [
  "merged",
  "closed",
  "rejected",
] satisfies KnownMergeRequestStatus[];

export const isOpenMergeRequest = (status: string): boolean =>
  !FINISHED_MERGE_REQUEST_STATUSES.includes(status);

/** A ticket counts as open until it is closed. */
export const CLOSED_TICKET_STATUS = "closed" satisfies KnownTicketStatus;
export const isOpenTicket = (status: string): boolean => status !== CLOSED_TICKET_STATUS;

const STATUS_LABELS = new Map(
  Object.entries({
    queued: "open",
    started: "started",
    review: "review",
    closed: "closed",
    merged: "merged",
    rejected: "rejected",
  } satisfies Record<KnownTicketStatus | KnownMergeRequestStatus, string>),
);

/** A status as Pubforge names it (Libervia's `queued` is "open"); an unknown one as it is. */
export const statusLabel = (status: string): string => STATUS_LABELS.get(status) ?? status;

/**
 * How a merge request's status control and schema name a status: `review` is "in review" there,
 * as Pubforge has always published it in the merge request schema's option labels.
 */
export const mergeRequestStatusLabel = (status: KnownMergeRequestStatus): string =>
  status === "review" ? "in review" : statusLabel(status);

/** A status as a tab of a list names it: "Open", "Review". */
export const statusTabLabel = (status: string): string => {
  const label = statusLabel(status);
  return label.charAt(0).toUpperCase() + label.slice(1);
};
