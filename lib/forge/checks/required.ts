import { z } from "zod";
import type { Project } from "@/lib/generated/prisma/client";
import { listRevisionChecks } from "@/lib/cache/checks";
import type { Viewer } from "@/lib/forge/viewer";
import type { MergeRuleFacts } from "@/lib/forge/merge-requests/merge-rules";
import { MAX_REQUIRED_CHECKS } from "@/lib/forge/projects/codec";
import { cachedInfo, changeProjectInfo } from "@/lib/forge/projects/merge-strategies";
import { CheckNameSchema } from "./codec";

/** The checks a revision must pass before it merges (none when the project's info says none). */
export function requiredChecks(project: Project): readonly string[] {
  return cachedInfo(project)?.requiredChecks ?? [];
}

/** What the merge rules need to know of a merge request's checks (lib/forge/merge-requests). */
export async function checkFacts(
  project: Project,
  request: { id: string; revision: number },
): Promise<Pick<MergeRuleFacts, "checks">> {
  const required = requiredChecks(project);
  if (required.length === 0) return {};
  const reported = await listRevisionChecks(request.id, request.revision);
  return {
    checks: {
      required,
      revision: request.revision,
      reported: reported.map(({ name, status }) => ({
        name,
        status: status as "pending" | "success" | "failure",
      })),
    },
  };
}

/** The settings form: names separated by commas, spaces or lines; empty requires none. */
export const RequiredChecksFormSchema = z.object({
  names: z
    .string()
    .max(2_000)
    .transform((text) => [...new Set(text.split(/[\s,]+/).filter(Boolean))])
    .pipe(
      z
        .array(CheckNameSchema)
        .max(MAX_REQUIRED_CHECKS, `Require at most ${MAX_REQUIRED_CHECKS} checks.`),
    ),
});

/** Maintainers name the checks a merge needs (the service refuses anyone else). */
export async function setRequiredChecks(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { names } = RequiredChecksFormSchema.parse(input);
  await changeProjectInfo(viewer, projectId, { requiredChecks: names });
}
