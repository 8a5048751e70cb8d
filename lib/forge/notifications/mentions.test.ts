import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { MENTION_LIMIT, mentionedJids, parseMentions } from "./mentions";

describe("mentions", () => {
  it("reads @user@domain and @user, in lower case, each once", () => {
    expect(parseMentions("Hi @Bob@B.test and @carol, also @bob@b.test again.")).toEqual([
      { local: "bob", domain: "b.test" },
      { local: "carol" },
    ]);
  });

  it("ends a domain at a sentence's full stop and a name at its comma", () => {
    expect(mentionedJids("ping @bob@b.test. and @dave, ok", "a.test")).toEqual([
      "bob@b.test",
      "dave@a.test",
    ]);
  });

  it("names the instance's own domain for a bare @name", () => {
    expect(mentionedJids("@alice look", "a.test")).toEqual(["alice@a.test"]);
  });

  it("ignores e-mail addresses, paths and a lone @", () => {
    expect(parseMentions("mail me@example.org, see /users/@bob, or @ alone, or @@x")).toEqual([]);
  });

  it("keeps at most MENTION_LIMIT names from a mention storm", () => {
    const storm = Array.from({ length: 10_000 }, (_, i) => `@user${i}@b.test`).join(" ");
    const jids = mentionedJids(storm, "a.test");
    expect(jids).toHaveLength(MENTION_LIMIT);
    expect(jids[0]).toBe("user0@b.test");
  });

  it("stays linear on hostile text", () => {
    expectLinearIn(
      (n) => "@a".repeat(n),
      (text) => parseMentions(text),
      20_000,
    );
    expectLinearIn(
      (n) => `@${"a.".repeat(n)}`,
      (text) => parseMentions(text),
      20_000,
    );
    expectLinearIn(
      (n) => `@bob@${"b-".repeat(n)}!`,
      (text) => parseMentions(text),
      20_000,
    );
  });

  it("never throws and never returns more than the limit, whatever the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("@", "a", ".", "-", " ", "b", "\n", "é") }),
        (text) => {
          const mentions = parseMentions(text);
          expect(mentions.length).toBeLessThanOrEqual(MENTION_LIMIT);
          for (const { local, domain } of mentions) {
            expect(local).toMatch(/^[a-z0-9][a-z0-9._+-]*$/);
            if (domain) expect(domain).toMatch(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/);
          }
        },
      ),
    );
  });
});
