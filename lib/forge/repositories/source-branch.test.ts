// The branch an applied suggestion lands on: only a branch of this instance's own hosted Git
// repository, named by a merge request whose source is that repository's clone URL.
import { describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import type { ProjectRepository } from "./mirrors";
import { hostedSourceBranch } from "./source-branch";

const URL = "http://forge.test/p/pubsub.a.test/demo.git";

function project(change: Partial<ProjectRepository> = {}): ProjectRepository {
  return {
    service: "pubsub.a.test",
    slug: "demo",
    scm: "git",
    cloneUrl: URL,
    repositoryHost: config().PUBFORGE_INSTANCE_JID,
    defaultBranch: "main",
    ...change,
  };
}

describe("hostedSourceBranch", () => {
  it("names the branch of the hosted repository the merge request came from", () => {
    expect(hostedSourceBranch(project(), { sourceUrl: URL, sourceRef: "topic" })).toBe("topic");
    expect(hostedSourceBranch(project(), { sourceUrl: URL, sourceRef: "refs/heads/a/b" })).toBe(
      "a/b",
    );
  });

  it("names none for AGit, commit ids, other sources, other hosts and Mercurial", () => {
    const none = [
      [project(), { sourceUrl: "", sourceRef: "refs/for/main" }],
      [project(), { sourceUrl: URL, sourceRef: "refs/for/main/topic" }],
      [project(), { sourceUrl: URL, sourceRef: "0123456789abcdef0123456789abcdef01234567" }],
      [project(), { sourceUrl: "https://elsewhere.example/demo.git", sourceRef: "topic" }],
      [project(), { sourceUrl: URL, sourceRef: "" }],
      [project({ repositoryHost: "forge@evil.test" }), { sourceUrl: URL, sourceRef: "topic" }],
      [project({ service: "pubsub.evil.test" }), { sourceUrl: URL, sourceRef: "topic" }],
      [project({ scm: "hg" }), { sourceUrl: URL, sourceRef: "topic" }],
    ] as const;
    for (const [owner, request] of none) {
      expect(hostedSourceBranch(owner, request), JSON.stringify(request)).toBeUndefined();
    }
  });
});
