import { z } from "zod";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { projectNodes } from "@/lib/forge/nodes";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { isFailure } from "@/lib/xmpp/errors";
import { NS_DATA_FORMS } from "@/lib/xmpp/dataform";
import { parseXml } from "@/lib/xmpp/xml";
import { MERGE_STRATEGIES, MergeStrategySchema, type MergeStrategy } from "@/lib/scm/types";
import { decodeProjectInfo, encodeProjectInfo, type ProjectInfo } from "./codec";
import { loadProject } from "./load-project";

/** The info item the cache holds, decoded again: the merge settings live only there. */
export function cachedInfo(project: Project): ProjectInfo | undefined {
  if (!project.rawXml) return undefined;
  const form = parseXml(project.rawXml).getChild("x", NS_DATA_FORMS);
  const decoded = form ? decodeProjectInfo(form) : undefined;
  return decoded?.ok ? decoded.project : undefined;
}

/** How the project lets merge requests land (all strategies when its info says nothing). */
export function allowedMergeStrategies(project: Project): readonly MergeStrategy[] {
  return cachedInfo(project)?.mergeStrategies ?? MERGE_STRATEGIES;
}

export const MergeStrategiesFormSchema = z.object({
  strategies: z
    .array(MergeStrategySchema)
    .min(1, "Allow at least one way to merge, or no merge request could land."),
});

/**
 * Maintainers choose which strategies the project allows: its info item is published again
 * with the field changed and every other field as it was. The service refuses anyone who is
 * not a publisher of the info node.
 */
export async function setMergeStrategies(
  viewer: Viewer,
  projectId: string,
  input: unknown,
): Promise<void> {
  const { strategies } = MergeStrategiesFormSchema.parse(input);
  const project = await loadProject(projectId);
  const info = cachedInfo(project);
  if (!info) throw new ForgeError("project-gone");
  const payload = encodeProjectInfo(
    project.service,
    project.slug,
    { ...info, mergeStrategies: MERGE_STRATEGIES.filter((s) => strategies.includes(s)) },
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
