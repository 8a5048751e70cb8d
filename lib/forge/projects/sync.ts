import { upsertProject } from "@/lib/cache/projects";
import { changeBus } from "@/lib/events/bus";
import { type DomainSync, emptyResult, rejectItem } from "@/lib/forge/sync/domain";
import { decodeProjectInfo } from "./codec";
import { projectRecord } from "./records";

/** The item `info` of `forge/<slug>/project`: name, description, repository, access. */
export const projectInfoSync: DomainSync = {
  needsProject: false,

  async applyItems(context, items) {
    const result = emptyResult();
    for (const item of items) {
      const decoded = item.payload ? decodeProjectInfo(item.payload) : undefined;
      if (!decoded?.ok) {
        rejectItem(context, result, item, decoded?.reason ?? "empty item");
        continue;
      }
      const access = context.accessModel ?? decoded.project.access;
      await upsertProject(
        projectRecord(context.service, context.slug, decoded.project, item, access),
      );
      changeBus().publish({ projectId: context.projectId, kind: "project", id: context.projectId });
      result.applied++;
    }
    return result;
  },

  // A project stays cached, as last described, when its info item is retracted.
  async applyRetractions() {},
};
