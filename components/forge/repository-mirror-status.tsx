import { Alert } from "@/components/ui/alert";
import { when } from "@/components/wiki/format";
import type { RepositoryMirrorView } from "@/lib/forge/repositories/mirror-view";

/**
 * Where the project's copy of its repository stands against the upstream: the refresh running
 * now, the last one, and the last push of merges made here (pending branches included).
 */
export function RepositoryMirrorStatus({
  view,
  cloneUrl,
}: {
  view: RepositoryMirrorView;
  cloneUrl: string;
}) {
  const { push, pull, progress } = view;
  if (!push && !pull && !progress) return null;
  return (
    <div className="space-y-2" data-testid="repository-mirror-status">
      {progress ? (
        <p role="status">
          {progress.phase}
          {progress.total ? ` (${progress.loaded ?? 0} of ${progress.total})` : ""}…
        </p>
      ) : null}
      {pull ? (
        <p>
          {pull.state === "failed" ? (
            <>
              The last refresh from <span className="break-all font-mono text-xs">{cloneUrl}</span>{" "}
              failed{pull.pulledAt ? ` (${when(pull.pulledAt)})` : ""}: {pull.detail}
            </>
          ) : (
            <>
              Refreshed from the upstream{pull.pulledAt ? ` at ${when(pull.pulledAt)}` : ""}.
              {pull.state === "ahead" ? ` ${pull.detail} holds merges the upstream lacks.` : ""}
            </>
          )}
        </p>
      ) : null}
      {pull?.state === "diverged" ? (
        <Alert tone="warning">
          Diverged: the upstream moved on while {pull.detail} held merges not pushed yet. The merges
          are kept here and nothing was overwritten; bring the upstream&apos;s new commits and these
          merges together upstream, then the next refresh catches up.
        </Alert>
      ) : null}
      {push ? (
        push.state === "failed" ? (
          <Alert>
            Pushing merges to <span className="break-all font-mono text-xs">{push.url}</span> failed
            {push.pushedAt ? ` (${when(push.pushedAt)})` : ""}: {push.error}. The merges are kept
            here; {push.pending.join(", ")} will be pushed again after the next merge, the next
            scheduled refresh, or with “Push now” in the settings.
          </Alert>
        ) : push.state === "pending" ? (
          <p role="status">
            Pushing {push.pending.join(", ")} to{" "}
            <span className="break-all font-mono text-xs">{push.url}</span>…
          </p>
        ) : (
          <p>
            Merges are pushed to <span className="break-all font-mono text-xs">{push.url}</span>
            {push.state === "ok" && push.pushedAt ? `, last at ${when(push.pushedAt)}` : ""}.
          </p>
        )
      ) : null}
    </div>
  );
}
