import Link from "next/link";
import type { Metadata } from "next";
import { listBlocks } from "@/lib/cache/moderation";
import { readModerationLog } from "@/lib/forge/moderation/log";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { LOG_VERBS, lockedThreads } from "@/lib/forge/moderation/view";
import { actionError } from "@/lib/http/action-result";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { Alert } from "@/components/ui/alert";
import { BlockForm } from "@/components/forge/moderation/block-form";
import { ModerationButton } from "@/components/forge/moderation/moderation-button";
import { when } from "@/components/wiki/format";
import { blockAction, unblockAction, unlockThreadAction } from "./actions";

export const metadata: Metadata = { title: "Moderation" };

export default async function ModerationPage({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer } = await loadProject(params);
  if (!viewer || !(await isProjectMaintainer(viewer, project, "instance-then-viewer-session"))) {
    return (
      <p className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="moderation-refused">
        Only the project&apos;s maintainers (its owners and publishers) moderate it.{" "}
        {viewer ? "Ask an owner for rights if you should." : "Sign in if you are one."}
      </p>
    );
  }
  const [blocks, locks, log] = await Promise.all([
    listBlocks(project.id),
    lockedThreads(project.id),
    readModerationLog(viewer, project).catch((error: unknown) => actionError(error)),
  ]);
  const heading = "mb-2 text-lg font-semibold";
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <section aria-labelledby="blocked-heading" className="space-y-3">
        <h2 id="blocked-heading" className={heading}>
          Blocked
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Tickets, merge requests and comments by a blocked address, or by anyone on a blocked
          domain, are hidden from every page here. The project&apos;s pubsub service also gets them
          as outcasts, which keeps them from reading the project where the service honours it
          (Prosody does for addresses, not for whole domains).
        </p>
        <BlockForm projectId={project.id} action={blockAction} />
        {blocks.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody is blocked.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="blocked-list">
            {blocks.map((block) => (
              <li key={block.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                <span className="font-mono font-medium">{block.target}</span>
                <span className="text-zinc-600 dark:text-zinc-400">
                  by {block.blockedBy} on {when(block.blockedAt)}
                </span>
                <span className="ml-auto">
                  <ModerationButton
                    action={unblockAction}
                    hidden={{ projectId: project.id, target: block.target }}
                    label={`Unblock ${block.target}`}
                    pendingLabel="Unblocking…"
                  />
                </span>
              </li>
            ))}
          </ul>
        )}
        <h2 className={heading}>Locked threads</h2>
        {locks.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No thread is locked.</p>
        ) : (
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {locks.map(({ lock, parent }) => (
              <li key={lock.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                {parent ? (
                  <Link
                    href={parent.href}
                    className="text-accent-600 underline dark:text-accent-300"
                  >
                    {parent.title}
                  </Link>
                ) : (
                  <span className="break-all font-mono text-xs">{lock.threadNode}</span>
                )}
                <span className="text-zinc-600 dark:text-zinc-400">
                  by {lock.lockedBy} on {when(lock.lockedAt)}
                </span>
                {parent ? (
                  <span className="ml-auto">
                    <ModerationButton
                      action={unlockThreadAction}
                      hidden={{ projectId: project.id, parentId: parent.id }}
                      label="Unlock"
                      pendingLabel="Unlocking…"
                    />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="log-heading" className="space-y-3">
        <h2 id="log-heading" className={heading}>
          Moderation log
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Kept on the project&apos;s pubsub service, readable by its owners, publishers and members
          only.
        </p>
        {"message" in log ? (
          <Alert>The log could not be read: {log.message}</Alert>
        ) : log.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing yet.</p>
        ) : (
          <ol className="space-y-1 text-sm" data-testid="moderation-log">
            {log.map((entry) => (
              <li key={entry.id}>
                <span className="text-zinc-600 dark:text-zinc-400">{when(entry.at)}</span>{" "}
                <span className="font-medium">{entry.by}</span> {LOG_VERBS[entry.action]}{" "}
                {entry.what || entry.target}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
