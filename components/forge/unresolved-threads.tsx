import Link from "next/link";

/** "2 unresolved threads", linking to the first; nothing when every thread is resolved. */
export function UnresolvedThreads({ count, firstHref }: { count: number; firstHref?: string }) {
  if (count === 0 || !firstHref) return null;
  return (
    <p className="text-sm" data-testid="unresolved-threads">
      <Link href={firstHref} className="text-accent-600 underline dark:text-accent-300">
        {count} unresolved {count === 1 ? "thread" : "threads"}
      </Link>
    </p>
  );
}
