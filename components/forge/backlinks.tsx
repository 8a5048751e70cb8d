import Link from "next/link";
import type { ReferenceSource } from "@/lib/cache/references";
import { mergeRequestPath, projectPath, ticketPath } from "@/lib/forge/routes";
import { StatusBadge } from "@/components/forge/status-badge";

/**
 * "Mentioned in": the tickets and merge requests whose text or comments name this item; those
 * of another project are named with it (`pubsub.a.test/other!3`).
 */
export function Backlinks({ base, sources }: { base: string; sources: ReferenceSource[] }) {
  if (sources.length === 0) return null;
  return (
    <section aria-labelledby="backlinks-title" data-testid="backlinks">
      <h3 id="backlinks-title" className="mb-1 text-zinc-600 dark:text-zinc-400">
        Mentioned in
      </h3>
      <ul className="space-y-1">
        {sources.map((source) => {
          const [path, sigil] =
            source.kind === "ticket" ? [ticketPath, "#"] : [mergeRequestPath, "!"];
          const home = projectPath(source.projectId);
          const elsewhere = home === base ? "" : source.projectId;
          return (
            <li key={source.id} className="flex items-start gap-2">
              <StatusBadge status={source.status} />
              <Link href={path(home, source)} className="min-w-0 break-words hover:underline">
                {source.number === null ? null : (
                  <span className="tabular-nums text-zinc-600 dark:text-zinc-400">
                    {elsewhere}
                    {sigil}
                    {source.number}{" "}
                  </span>
                )}
                {source.title}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
