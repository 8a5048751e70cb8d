"use server";

import { LoadedDiffFileBody } from "@/components/diff/diff-view";
import type { LoadedDiffFile } from "@/components/diff/lazy-diff-file";
import { inlineThreads } from "@/components/forge/merge-request-files";
import { threadToolsFor } from "./thread-tools";
import { actionError } from "@/lib/http/action-result";
import { currentViewer } from "@/lib/http/browser-session";
import { mergeRequestFile, type DiffFileRequest } from "@/lib/forge/merge-requests/diff-file";

/**
 * The rows of one file of a merge request's combined diff, for the page's files loaded after
 * the first screens. `request` is bound in by the page; `index` and `mode` come from the
 * browser, and lib/forge checks all three and the viewer's access again.
 */
export async function loadMergeRequestFileAction(
  request: Omit<DiffFileRequest, "index">,
  index: number,
  mode: "unified" | "split",
): Promise<LoadedDiffFile> {
  try {
    const viewer = await currentViewer();
    const { file, inline, threads, rights, mayComment } = await mergeRequestFile(viewer, {
      ...request,
      index,
    });
    return {
      ok: true,
      body: (
        <LoadedDiffFileBody
          file={file}
          index={index}
          mode={mode === "split" ? "split" : "unified"}
          comments={inlineThreads(inline, threads, threadToolsFor(viewer, rights, mayComment))}
          commentable={mayComment}
        />
      ),
    };
  } catch (error) {
    return { ok: false, message: actionError(error).message };
  }
}
