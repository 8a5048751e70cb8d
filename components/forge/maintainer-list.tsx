import type { ProjectRights } from "@/lib/forge/projects/operations";

const ROLE_NAMES: Record<string, string> = {
  owner: "owner",
  publisher: "maintainer",
  "publish-only": "may publish only",
  member: "member",
};

/** Who holds rights on the project, as its pubsub service reports them to this viewer. */
export function MaintainerList({ rights }: { rights: ProjectRights }) {
  if (!rights.ok) {
    return (
      <p className="my-2 text-zinc-600 dark:text-zinc-400" data-testid="maintainer-list-refused">
        {rights.reason}
      </p>
    );
  }
  return (
    <ul className="my-2 space-y-1" data-testid="maintainer-list">
      {rights.holders.map(({ jid, affiliation }) => (
        <li key={jid} className="flex flex-wrap justify-between gap-2">
          <span className="break-all">{jid}</span>{" "}
          <span className="text-zinc-600 dark:text-zinc-400">{ROLE_NAMES[affiliation]}</span>
        </li>
      ))}
    </ul>
  );
}
