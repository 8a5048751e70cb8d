import { describe, expect, it } from "vitest";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { isDraftTitle, withDraft } from "./draft";

describe("draft merge requests", () => {
  it("are those whose title starts with a draft prefix, in any case", () => {
    for (const title of ["Draft: x", "draft:x", "[Draft] x", "(DRAFT) x", "WIP: x", "[wip] x"]) {
      expect(isDraftTitle(title), title).toBe(true);
    }
    for (const title of ["x", "A draft: x", "Drafting the docs", "WIP", " Draft: x"]) {
      expect(isDraftTitle(title), title).toBe(false);
    }
  });

  it("are marked with one prefix and made ready by taking every prefix off", () => {
    expect(withDraft("Fix the parser", true)).toBe("Draft: Fix the parser");
    expect(withDraft("[WIP] Fix the parser", true)).toBe("[WIP] Fix the parser");
    expect(withDraft("Draft: WIP:  [Draft] Fix the parser", false)).toBe("Fix the parser");
    expect(withDraft("Fix the parser", false)).toBe("Fix the parser");
    expect(withDraft(withDraft("x", true), false)).toBe("x");
  });

  it("take time linear in a hostile title's length", () => {
    expectLinearIn(
      (n) => "wip: ".repeat(n),
      (title) => withDraft(title, false),
      100_000,
    );
  });
});
