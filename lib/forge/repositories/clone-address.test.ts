import { describe, expect, it } from "vitest";
import { cloneAddress } from "./clone-address";

const project = { service: "pubsub.a.test", slug: "demo", scm: "git", cloneUrl: "/srv/demo" };

describe("cloneAddress", () => {
  it("offers this instance's Git URL, not the server path behind it", () => {
    expect(cloneAddress(project, "https://forge.example")).toBe(
      "https://forge.example/p/pubsub.a.test/demo.git",
    );
  });

  it("offers a Mercurial project's upstream only when it is a URL", () => {
    const hg = { ...project, scm: "hg" };
    expect(cloneAddress(hg, "https://forge.example")).toBeUndefined();
    expect(cloneAddress({ ...hg, cloneUrl: "https://hg.example/demo" }, "x")).toBe(
      "https://hg.example/demo",
    );
  });

  it("offers nothing for a project without a repository", () => {
    expect(cloneAddress({ ...project, cloneUrl: null }, "https://forge.example")).toBeUndefined();
  });
});
