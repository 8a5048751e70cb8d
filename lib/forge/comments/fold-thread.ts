/**
 * A long thread shows its start and its latest entries, with the middle one link away, as
 * GitHub and GitLab fold long discussions: a ticket with 200 comments would otherwise send
 * every one of them (twice, as HTML and as the page's RSC payload) to every visitor, and the
 * newest are what a returning reader came for.
 */
export const SHOWN_FIRST = 5;
export const SHOWN_LAST = 25;
/** Threads up to this long are shown whole: folding would hide only a few entries. */
export const FOLDED_OVER = SHOWN_FIRST + SHOWN_LAST + 10;

export interface FoldedThread<T> {
  readonly first: readonly T[];
  /** How many entries are left out between `first` and `last` (0: the whole thread is shown). */
  readonly hidden: number;
  readonly last: readonly T[];
}

export function foldThread<T>(entries: readonly T[], unfold: boolean): FoldedThread<T> {
  if (unfold || entries.length <= FOLDED_OVER) return { first: entries, hidden: 0, last: [] };
  return {
    first: entries.slice(0, SHOWN_FIRST),
    hidden: entries.length - SHOWN_FIRST - SHOWN_LAST,
    last: entries.slice(-SHOWN_LAST),
  };
}
