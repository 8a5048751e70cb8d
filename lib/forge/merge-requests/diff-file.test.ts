// One file of a merge request's combined diff for the page's loader: access and input checks.
import { beforeAll, describe, expect, it } from "vitest";
import { ForgeError } from "@/lib/forge/errors";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED,
  CAPTURED_NODES,
  capturedContext,
  capturedPayload,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { projectId } from "@/lib/forge/nodes";
import { mergeRequestFile } from "./diff-file";
import { mergeRequestSync } from "./sync";

const PROJECT = projectId(CAPTURED.service, CAPTURED.slug);
const KEY = `${CAPTURED.service}/${CAPTURED_NODES.mergeRequests}/mr1`;
const ask = { projectId: PROJECT, mergeRequestId: KEY, revision: 1, index: 0 };

async function refusal(input: unknown): Promise<string> {
  const error = await mergeRequestFile(null, input).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ForgeError) return error.code;
  return error instanceof Error ? error.name : "answered";
}

describe("mergeRequestFile", () => {
  useCacheDatabase();
  beforeAll(async () => {
    await cacheProject();
    await cacheProject(CAPTURED.service, "private", { accessModel: "whitelist" });
    await cacheProject(CAPTURED.service, "neighbour");
    await mergeRequestSync.applyItems(capturedContext(CAPTURED_NODES.mergeRequests), [
      itemOf("mr1", capturedPayload("f1_mr_git_type.xml"), "carol@forge.test"),
    ]);
  });

  it("gives one file of a revision's combined diff, with no comments and no form for a visitor", async () => {
    const { file, inline, mayComment } = await mergeRequestFile(null, ask);
    expect(file.hunks.length).toBeGreaterThan(0);
    expect(inline).toEqual([]);
    expect(mayComment).toBe(false);
  });

  it("refuses a file, revision or merge request that is not there", async () => {
    expect(await refusal({ ...ask, index: 99 })).toBe("item-gone");
    expect(await refusal({ ...ask, revision: 7 })).toBe("item-gone");
    expect(await refusal({ ...ask, mergeRequestId: `${KEY}x` })).toBe("item-gone");
  });

  it("answers a project one may not see like one that is not there, even for its neighbour's merge request", async () => {
    const hidden = projectId(CAPTURED.service, "private");
    expect(await refusal({ ...ask, projectId: hidden })).toBe("project-gone");
    expect(await refusal({ ...ask, projectId: `${PROJECT}-none` })).toBe("project-gone");
    // An open project's id with another project's merge request: access is checked on the former.
    const neighbour = projectId(CAPTURED.service, "neighbour");
    expect(await refusal({ ...ask, projectId: neighbour })).toBe("item-gone");
  });

  it("checks the request's shape as it comes back from the browser", async () => {
    expect(await refusal({ ...ask, index: -1 })).toBe("ZodError");
    expect(await refusal({ ...ask, index: "0" })).toBe("ZodError");
    expect(await refusal({ ...ask, revision: 1.5 })).toBe("ZodError");
  });
});
