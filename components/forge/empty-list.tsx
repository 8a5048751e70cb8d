import Link from "next/link";

/** What an empty list says instead, with the ways out (e.g. "Clear filters"). */
export function EmptyList({
  message,
  links,
}: {
  message: string;
  links: readonly { label: string; href: string }[];
}) {
  return (
    <div
      data-testid="empty-list"
      className="rounded-lg border border-dashed border-zinc-300 p-6 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
    >
      <p>{message}</p>
      {links.length ? (
        <p className="mt-2 flex flex-wrap justify-center gap-4">
          {links.map((link) => (
            <Link
              key={link.href}
              href={link.href}
              className="font-medium text-accent-600 underline dark:text-accent-300"
            >
              {link.label}
            </Link>
          ))}
        </p>
      ) : null}
    </div>
  );
}
