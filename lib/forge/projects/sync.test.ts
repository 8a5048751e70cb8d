// A project's info item into the cache.
import { describe, expect, it } from "vitest";
import { findProject } from "@/lib/cache/projects";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  CAPTURED,
  CAPTURED_ID,
  CAPTURED_NODES,
  capturedContext,
  capturedPayload,
  changesDuring,
  itemOf,
  projectInfoItem,
} from "@/lib/forge/testing/sync-items";
import { projectInfoSync } from "./sync";

const context = capturedContext(CAPTURED_NODES.info);

describe("project info sync", () => {
  useCacheDatabase();

  it("caches the project and announces it", async () => {
    let applied = 0;
    const changes = await changesDuring(async () => {
      ({ applied } = await projectInfoSync.applyItems(context, [
        projectInfoItem(CAPTURED.service, CAPTURED.slug),
      ]));
    });
    expect(applied).toBe(1);
    expect(await findProject(CAPTURED_ID)).toMatchObject({
      service: "pubsub.forge.test",
      slug: "projX",
      name: "Project X",
      scm: "git",
      cloneUrl: "https://git.example/x.git",
      accessModel: "open",
    });
    expect(changes).toEqual([{ projectId: CAPTURED_ID, kind: "project", id: CAPTURED_ID }]);
  });

  it("takes the access model its creator just set over the item's", async () => {
    await projectInfoSync.applyItems({ ...context, accessModel: "whitelist" }, [
      projectInfoItem(CAPTURED.service, CAPTURED.slug),
    ]);
    expect(await findProject(CAPTURED_ID)).toMatchObject({ accessModel: "whitelist" });
  });

  it("reports an empty item and one of another form", async () => {
    const empty = { ...itemOf("info", capturedPayload("d1_minimal.xml")), payload: undefined };
    const result = await projectInfoSync.applyItems(context, [
      empty,
      itemOf("ticket", capturedPayload("d1_minimal.xml")),
    ]);
    expect(result.applied).toBe(0);
    expect(result.rejected).toEqual([
      { node: CAPTURED_NODES.info, itemId: "info", reason: "empty item" },
      { node: CAPTURED_NODES.info, itemId: "ticket", reason: expect.any(String) },
    ]);
  });
});
