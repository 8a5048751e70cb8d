import { z } from "zod";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { projectNodes } from "@/lib/forge/nodes";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { isFailure } from "@/lib/xmpp/errors";
import { encodeProjectInfo } from "./codec";
import { loadProject } from "./load-project";
import { cachedInfo } from "./merge-strategies";

/** Whether the project requires every thread resolved before a merge (no rule when unsaid). */
export function requiresResolvedThreads(project: Project): boolean {
  return cachedInfo(project)?.threadsResolvedBeforeMerge ?? false;
}

/** A checkbox: present ("on") when ticked, absent otherwise. */
export const ThreadRuleFormSchema = z.object({
  required: z.literal("on").optional(),
});

/**
 * Maintainers set the rule: the info item is published again with the field changed and every
 * other field as it was; the service refuses anyone who may not publish to the info node.
 */
export async function setThreadRule(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { required } = ThreadRuleFormSchema.parse(input);
  const project = await loadProject(projectId);
  const info = cachedInfo(project);
  if (!info) throw new ForgeError("project-gone");
  const payload = encodeProjectInfo(
    project.service,
    project.slug,
    { ...info, threadsResolvedBeforeMerge: required === "on" },
    info.form,
  );
  await publishAndApply(viewer, project.service, projectNodes(project.slug).info, payload, {
    itemId: "info",
    accessModel: project.accessModel,
  }).catch((error: unknown) => {
    if (isFailure(error, "forbidden")) {
      throw new ForgeError("not-maintainer", undefined, { cause: error });
    }
    throw error;
  });
}
