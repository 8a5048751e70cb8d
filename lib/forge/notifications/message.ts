import type { Notification } from "@/lib/generated/prisma/client";

/** Lines listed in one message; the rest are counted, with a link to the inbox. */
export const MESSAGE_LINES = 10;

/**
 * The text of one message for a batch of events: one line each (who, what, and the absolute
 * address of the page), at most MESSAGE_LINES, then how many more and where to read them.
 */
export function composeMessage(
  rows: readonly Pick<Notification, "actor" | "summary" | "path">[],
  origin: string,
): string {
  const lines = rows
    .slice(0, MESSAGE_LINES)
    .map((row) => `• ${row.actor} ${row.summary}\n  ${origin}${row.path}`);
  const more = rows.length - MESSAGE_LINES;
  const header =
    rows.length === 1 ? "Pubforge:" : `Pubforge: ${rows.length} updates on what you watch`;
  const footer = more > 0 ? [`…and ${more} more: ${origin}/inbox`] : [`Inbox: ${origin}/inbox`];
  return [header, ...lines, ...footer].join("\n");
}
