import { describe, expect, it } from "vitest";
import { cloneAddress } from "./clone-address";

const project = { service: "pubsub.a.test", slug: "demo", scm: "git", cloneUrl: "/srv/demo" };

describe("cloneAddress", () => {
  it("offers this instance's Git URL, not the server path behind it", () => {
    expect(cloneAddress(project, "https://forge.example")).toBe(
      "https://forge.example/p/pubsub.a.test/demo.git",
    );
  });

  it("offers this instance's Mercurial URL for a Mercurial project", () => {
    expect(cloneAddress({ ...project, scm: "hg" }, "https://forge.example")).toBe(
      "https://forge.example/p/pubsub.a.test/demo.hg",
    );
  });

  it("offers nothing for a project without a repository", () => {
    expect(cloneAddress({ ...project, cloneUrl: null }, "https://forge.example")).toBeUndefined();
  });
});
