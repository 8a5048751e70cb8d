import { z } from "zod";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { cachedInfo, changeProjectInfo } from "./merge-strategies";

/** Whether the project requires every thread resolved before a merge (no rule when unsaid). */
export function requiresResolvedThreads(project: Project): boolean {
  return cachedInfo(project)?.threadsResolvedBeforeMerge ?? false;
}

/** A checkbox: present ("on") when ticked, absent otherwise. */
export const ThreadRuleFormSchema = z.object({
  required: z.literal("on").optional(),
});

/** Maintainers set the rule (the service refuses anyone who may not publish the info item). */
export async function setThreadRule(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { required } = ThreadRuleFormSchema.parse(input);
  await changeProjectInfo(viewer, projectId, { threadsResolvedBeforeMerge: required === "on" });
}
