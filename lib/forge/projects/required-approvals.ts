import { z } from "zod";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { MAX_REQUIRED_APPROVALS } from "./codec";
import { cachedInfo, changeProjectInfo } from "./merge-strategies";

/** How many current approvals from maintainers a merge needs (0 when its info says nothing). */
export function requiredApprovals(project: Project): number {
  return cachedInfo(project)?.requiredApprovals ?? 0;
}

export const RequiredApprovalsFormSchema = z.object({
  requiredApprovals: z.coerce
    .number({ error: "Give a whole number of approvals" })
    .int("Give a whole number of approvals")
    .min(0, "Give 0 for no rule, or more")
    .max(MAX_REQUIRED_APPROVALS, `At most ${MAX_REQUIRED_APPROVALS} approvals`),
});

/** Maintainers set how many approvals from maintainers a merge needs. */
export async function setRequiredApprovals(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { requiredApprovals } = RequiredApprovalsFormSchema.parse(input);
  await changeProjectInfo(viewer, projectId, { requiredApprovals });
}
