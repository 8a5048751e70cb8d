import Link from "next/link";
import { buttonClass } from "./button";

/**
 * Links to the page before and after this one of a long list (tickets, commits), with where
 * the reader is; each link names its direction for screen readers and browsers (`rel`).
 */
export function Pager({
  label,
  page,
  hasNext,
  href,
  previous = "Previous",
  next = "Next",
  position,
}: {
  /** What the pages are of, for the navigation landmark ("Pages of tickets"). */
  label: string;
  page: number;
  hasNext: boolean;
  href: (page: number) => string;
  previous?: string;
  next?: string;
  /** Where the reader is, e.g. "Page 2 of 7"; nothing when the list has one page. */
  position?: string;
}) {
  if (page <= 1 && !hasNext) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className={buttonClass("secondary")} rel="prev">
          {previous}
        </Link>
      ) : null}
      {position ? <span className="text-zinc-600 dark:text-zinc-400">{position}</span> : null}
      {hasNext ? (
        <Link href={href(page + 1)} className={buttonClass("secondary")} rel="next">
          {next}
        </Link>
      ) : null}
    </nav>
  );
}
