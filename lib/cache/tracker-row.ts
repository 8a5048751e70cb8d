/** What a ticket's and a merge request's records have alike for their upsert. */
interface TrackerRecordFields {
  id: string;
  commentCount?: number;
  number: number | null;
  keepAuthorJid?: boolean;
  firstPublisher: string;
  authorJid: string;
}

/**
 * The upsert of a ticket's or merge request's row from its record. A version without a number
 * or an author_jid (Libervia's update drops fields it does not know) keeps the ones cached, as
 * ticket-sql.ts does; the first publisher never changes; a record without a comment count (an
 * item just received) keeps the stored count.
 */
export function trackerUpsert<R extends TrackerRecordFields>(record: R) {
  const { id, commentCount, number, keepAuthorJid, firstPublisher, ...rest } = record;
  return {
    where: { id },
    create: { id, commentCount: commentCount ?? 0, number, firstPublisher, ...rest },
    update: {
      ...rest,
      ...(commentCount === undefined ? {} : { commentCount }),
      ...(number === null ? {} : { number }),
      ...(keepAuthorJid ? { authorJid: undefined } : {}),
    },
  };
}
