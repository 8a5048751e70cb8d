import { describe, expect, it } from "vitest";
import { affiliationMap, maintainersOf } from "./affiliations";

describe("a service's affiliation list", () => {
  // Viewers are named by lower-case bare JIDs; a service may spell a JID as it was typed.
  it("is keyed by lower-case bare JID, so a maintainer spelled otherwise is still found", () => {
    const affiliations = affiliationMap({
      "Alice@A.test": "owner",
      "carol@a.test/laptop": "publisher",
      "dave@b.test": "member",
      "mallory@evil.test": "outcast",
    });
    expect(affiliations.get("alice@a.test")).toBe("owner");
    expect(affiliations.get("carol@a.test")).toBe("publisher");
    expect(maintainersOf(affiliations).sort()).toEqual(["alice@a.test", "carol@a.test"]);
  });
});
