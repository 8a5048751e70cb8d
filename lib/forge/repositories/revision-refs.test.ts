import { describe, expect, it } from "vitest";
import { revisionRef, revisionRefPrefix } from "./revision-refs";

describe("revisionRef", () => {
  it("names a hidden ref per item and revision, whatever the id holds", () => {
    const ref = revisionRef("../../heads/main", 2);
    expect(ref).toMatch(/^refs\/pubforge\/merge-requests\/[0-9a-f]{24}\/2$/);
    expect(ref.startsWith(revisionRefPrefix("../../heads/main"))).toBe(true);
    expect(revisionRef("other", 2)).not.toBe(ref);
  });
});
