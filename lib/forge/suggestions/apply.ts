import { z } from "zod";
import { listRevisions } from "@/lib/cache/merge-requests";
import { publishEntry } from "@/lib/forge/comments/operations";
import { ForgeError } from "@/lib/forge/errors";
import { mergeRequestThread } from "@/lib/forge/merge-requests/diff-file";
import { repositoryOf } from "@/lib/forge/merge-requests/merge";
import {
  addRevision,
  currentMergeRequest,
  MAX_SERIES_COMMITS,
} from "@/lib/forge/merge-requests/operations";
import { parseRevision } from "@/lib/forge/merge-requests/view";
import { loadProject } from "@/lib/forge/projects/load-project";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { withProjectRepository } from "@/lib/forge/repositories/mirrors";
import { pushAfterMerge } from "@/lib/forge/repositories/push-mirror";
import { revisionRef } from "@/lib/forge/repositories/revision-refs";
import { hostedSourceBranch } from "@/lib/forge/repositories/source-branch";
import type { Viewer } from "@/lib/forge/viewer";
import { SourceMovedError } from "@/lib/scm/errors";
import { adapterFor } from "@/lib/scm/index";
import { bareJid, splitJid } from "@/lib/xmpp/jid";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { encodeAppliedEntry, MAX_APPLIED_PER_ENTRY } from "./applied";
import { replaceLines } from "./edit";
import { appliedRevisions, readSuggestion, type Suggestion } from "./suggestion";

export const ApplySuggestionsSchema = z
  .array(z.string().min(1).max(1_000))
  .min(1, "Choose at least one suggestion to apply")
  .max(MAX_APPLIED_PER_ENTRY, `Apply at most ${MAX_APPLIED_PER_ENTRY} suggestions at once`);

/**
 * Applies the suggestions of the given inline comments (cache keys) as one commit on top of
 * the merge request's latest series, published as its next revision, and records which were
 * applied in its comments node. Only its author or a maintainer may; every suggestion must
 * still match the file, and none may overlap another, or nothing happens. When the series came
 * from a branch of the hosted Git repository, the commit lands on that branch too, only if it
 * has not moved since the latest revision (source-branch.ts).
 */
export async function applySuggestions(
  viewer: Viewer,
  mergeRequestId: string,
  commentIds: unknown,
): Promise<number> {
  const ids = [...new Set(ApplySuggestionsSchema.parse(commentIds))];
  const { cached, request } = await currentMergeRequest(viewer, mergeRequestId);
  const project = await loadProject(cached.projectId);
  const author = bareJid(request.authorJid).toLowerCase() === bareJid(viewer.jid).toLowerCase();
  const maintainer = await isProjectMaintainer(viewer, project, "instance-then-viewer-session");
  if (!author && !maintainer) {
    throw new ForgeError("not-author-or-maintainer", { action: "apply suggestions" });
  }
  const repository = repositoryOf(project);
  const sourceBranch = hostedSourceBranch(repository, {
    sourceUrl: request.sourceUrl ?? "",
    sourceRef: request.sourceRef ?? "",
  });
  // The branch moves as a push would move it, and only maintainers push branches here.
  if (sourceBranch && !maintainer) {
    throw new ForgeError("source-branch-needs-maintainer", { branch: sourceBranch });
  }
  const suggestions = await readSuggestions(cached, ids);
  const byFile = new Map<string, Suggestion[]>();
  for (const suggestion of suggestions) {
    byFile.set(suggestion.file, [...(byFile.get(suggestion.file) ?? []), suggestion]);
  }
  const reviewers = [...new Set(suggestions.map((suggestion) => suggestion.by))];
  const text = await withProjectRepository(repository, (dir) =>
    adapterFor(repository.scm).commitOnSeries(dir, {
      branch: cached.targetBranch || project.defaultBranch,
      series: request.patch,
      revisionRef: revisionRef(cached.itemId, request.revision),
      paths: [...byFile.keys()],
      rewrite: (path, content) => replaceLines(path, content, byFile.get(path) ?? []),
      message: `Apply suggestion${suggestions.length === 1 ? "" : "s"} from ${reviewers.join(", ")}`,
      author: { name: splitJid(viewer.jid).local, email: bareJid(viewer.jid) },
      maxCommits: MAX_SERIES_COMMITS + 1,
      sourceBranch,
    }),
  ).catch((error: unknown) => {
    if (!(error instanceof SourceMovedError)) throw error;
    throw new ForgeError(
      "source-branch-moved",
      { branch: error.branch, revision: request.revision },
      { cause: error },
    );
  });
  // What follows a branch a merge moved (its push mirror) follows this one too.
  if (sourceBranch) await pushAfterMerge(repository, sourceBranch);
  const series = adapterFor(repository.scm).parseSeries(text);
  const revision = await addRevision(viewer, mergeRequestId, {
    scm: repository.scm,
    text,
    changesets: [...series.changesets],
  });
  const address = parseXmppUri(cached.commentsUri)!;
  await publishEntry(viewer, { jid: address.jid, node: address.node! }, (id) =>
    encodeAppliedEntry({
      revision,
      comments: suggestions.map((suggestion) => suggestion.commentItemId),
      reviewers,
      authorName: splitJid(viewer.jid).local,
      authorJid: bareJid(viewer.jid),
      published: new Date().toISOString(),
      id,
    }),
  );
  return revision;
}

/** The comments' suggestions, each read on the revision it was made on; refused if any is not one. */
async function readSuggestions(
  request: Parameters<typeof mergeRequestThread>[0] & { id: string; scm: string },
  ids: readonly string[],
): Promise<Suggestion[]> {
  const [{ comments }, revisions] = await Promise.all([
    mergeRequestThread(request, null),
    listRevisions(request.id),
  ]);
  const applied = appliedRevisions(comments, revisions);
  return ids.map((id) => {
    const comment = comments.find((candidate) => candidate.id === id);
    if (!comment) throw new ForgeError("no-suggestion", { reason: "that comment is not here" });
    const earlier = applied.get(comment.itemId);
    if (earlier !== undefined) {
      throw new ForgeError("no-suggestion", {
        reason: `the suggestion was applied in revision ${earlier}`,
      });
    }
    const made = revisions.find((r) => r.revision === (comment.anchorRevision ?? 1));
    const parsed = made ? parseRevision(request.scm, made) : undefined;
    const reading = readSuggestion(comment, parsed?.ok ? parsed.files : undefined);
    if (!reading)
      throw new ForgeError("no-suggestion", { reason: "the comment has no suggestion" });
    if (!reading.ok) throw new ForgeError("no-suggestion", { reason: reading.reason });
    return reading.suggestion;
  });
}
