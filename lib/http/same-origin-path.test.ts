import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./same-origin-path";

describe("sameOriginPath", () => {
  it("keeps paths on this site", () => {
    expect(sameOriginPath("/p/pubsub.a.test/demo/tickets?status=open#t1")).toBe(
      "/p/pubsub.a.test/demo/tickets?status=open#t1",
    );
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/%5Cevil.example/..", // decoded by nobody: stays a harmless path below
    "/\t/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "",
  ])("never leaves the site: %s", (value) => {
    const path = sameOriginPath(value);
    expect(path.startsWith("/")).toBe(true);
    expect(path.startsWith("//")).toBe(false);
    expect(new URL(path, "http://pubforge.invalid").origin).toBe("http://pubforge.invalid");
  });

  it("sends anything that is not text home", () => {
    expect(sameOriginPath(null)).toBe("/");
    expect(sameOriginPath("/\\evil.example")).toBe("/");
  });
});
