"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { findProject } from "@/lib/cache/projects";
import { addComment } from "@/lib/forge/comments/operations";
import {
  addRevision,
  openMergeRequest,
  previewFromPatch,
  previewFromSource,
  SourceSchema,
  type SeriesPreview,
  setMergeRequestDraft,
  setMergeRequestStatus,
  updateFromSource,
} from "@/lib/forge/merge-requests/operations";
import { mergeMergeRequest } from "@/lib/forge/merge-requests/merge";
import { MergePinSchema } from "@/lib/forge/merge-requests/pin";
import { MergeStrategySchema } from "@/lib/scm/types";
import { loadProject } from "@/lib/forge/projects/load-project";
import { textareaText } from "@/lib/http/textarea";
import { formValues, withViewer } from "@/lib/http/form-action";
import { mergeRequestPath, projectPath } from "@/lib/forge/routes";
import type { MergeRequestFormState, PreviewSummary } from "@/lib/http/form-state";

/** An uploaded file byte for byte; pasted text with the line breaks the person typed. */
async function patchText(form: FormData): Promise<string> {
  const file = form.get("patchFile");
  if (file instanceof File && file.size > 0) return file.text();
  return textareaText(String(form.get("patch") ?? ""));
}

async function seriesOf(
  form: FormData,
): Promise<{ preview: SeriesPreview; source: Record<string, string> }> {
  const projectId = String(form.get("projectId"));
  const project = await loadProject(projectId);
  if (form.get("mode") === "patch") {
    return { preview: previewFromPatch(project.scm, await patchText(form)), source: {} };
  }
  const source = SourceSchema.parse({
    sourceUrl: form.get("sourceUrl"),
    sourceRef: form.get("sourceRef"),
    targetBranch: form.get("targetBranch") || project.defaultBranch,
  });
  return { preview: await previewFromSource(projectId, source), source };
}

function summarize(preview: SeriesPreview): PreviewSummary {
  const last = preview.changesets.at(-1);
  const [title = "", ...body] = (last?.message ?? "").split("\n");
  const files = new Map<string, PreviewSummary["files"][number]>();
  for (const changeset of preview.changesets) {
    for (const file of changeset.files) {
      const entry = files.get(file.newPath) ?? {
        path: file.newPath,
        status: file.status,
        added: 0,
        removed: 0,
      };
      for (const hunk of file.hunks) {
        for (const line of hunk.lines) {
          if (line.kind === "add") entry.added++;
          if (line.kind === "del") entry.removed++;
        }
      }
      files.set(file.newPath, entry);
    }
  }
  return {
    title: title.trim(),
    body: body.join("\n").trim(),
    commits: preview.changesets.map((c) => ({
      id: c.id.slice(0, 12),
      subject: c.message.split("\n")[0] ?? "",
      author: c.author.name,
      date: c.date,
    })),
    files: [...files.values()],
  };
}

export async function previewMergeRequestAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  // Previewing makes this server fetch a repository: only for people signed in (SSRF, #12).
  return withViewer<MergeRequestFormState>(form, async () => {
    const { preview } = await seriesOf(form);
    return { preview: summarize(preview), values: formValues(form) };
  });
}

const labelsOf = (form: FormData) =>
  String(form.get("labels") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

export async function openMergeRequestAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  const projectId = String(form.get("projectId"));
  let number = 0;
  const state = await withViewer<MergeRequestFormState>(form, async (viewer) => {
    const { preview, source } = await seriesOf(form);
    ({ number } = await openMergeRequest(viewer, projectId, preview, source, {
      title: String(form.get("title") ?? ""),
      bodyMarkdown: String(form.get("body") ?? ""),
      labels: labelsOf(form),
      draft: form.get("draft") === "on",
    }));
  });
  if (state.error) return state;
  redirect(mergeRequestPath(projectPath(projectId), number));
}

export async function updateFromSourceAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  return withViewer<MergeRequestFormState>(form, async (viewer) => {
    const revision = await updateFromSource(viewer, String(form.get("mergeRequestId")));
    revalidatePath("/p", "layout");
    return { done: `Revision ${revision} published.` };
  });
}

export async function pasteRevisionAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  return withViewer<MergeRequestFormState>(form, async (viewer) => {
    const project = await findProject(String(form.get("projectId")));
    const preview = previewFromPatch(project?.scm ?? "git", await patchText(form));
    const revision = await addRevision(viewer, String(form.get("mergeRequestId")), preview);
    revalidatePath("/p", "layout");
    return { done: `Revision ${revision} published.` };
  });
}

export async function setMergeRequestStatusAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  return withViewer<MergeRequestFormState>(form, async (viewer) => {
    await setMergeRequestStatus(viewer, String(form.get("mergeRequestId")), form.get("status"));
    revalidatePath("/p", "layout");
  });
}

export async function setMergeRequestDraftAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  return withViewer<MergeRequestFormState>(form, async (viewer) => {
    const draft = await setMergeRequestDraft(
      viewer,
      String(form.get("mergeRequestId")),
      form.get("draft"),
    );
    revalidatePath("/p", "layout");
    return { done: draft ? "Marked as a draft." : "Marked as ready." };
  });
}

export async function mergeAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  return withViewer<MergeRequestFormState>(form, async (viewer) => {
    const pin = MergePinSchema.parse({
      revision: form.get("revision"),
      digest: form.get("digest"),
    });
    const strategy = MergeStrategySchema.parse(form.get("strategy"));
    const revisions = await mergeMergeRequest(
      viewer,
      String(form.get("mergeRequestId")),
      pin,
      strategy,
    );
    revalidatePath("/p", "layout");
    return { done: `Merged as ${revisions.map((r) => r.slice(0, 12)).join(", ")}.` };
  });
}

export async function addMergeRequestCommentAction(
  _: MergeRequestFormState,
  form: FormData,
): Promise<MergeRequestFormState> {
  return withViewer<MergeRequestFormState>(form, async (viewer) => {
    const file = form.get("anchorFile");
    const anchor =
      typeof file === "string" && file
        ? {
            file,
            side: form.get("anchorSide"),
            line: form.get("anchorLine"),
            revision: form.get("anchorRevision") || undefined,
            from: form.get("anchorFrom") || undefined,
          }
        : undefined;
    await addComment(viewer, String(form.get("mergeRequestId")), form.get("body"), anchor);
    revalidatePath("/p", "layout");
    return { done: "Comment posted." };
  });
}
