import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BareJidSchema } from "@/lib/xmpp/jid";
import { MAX_SEARCH_QUERY, isEmptySearch, parseSearchQuery, searchTerms } from "./query";

describe("parseSearchQuery", () => {
  it("reads every filter and the free words", () => {
    const { query, ignored } = parseSearchQuery(
      'is:open label:"needs review" label:bug author:Bob@B.test assignee:alice@a.test project:pubsub.a.test/demo Crash ON start is:mr',
    );
    expect(ignored).toEqual([]);
    expect(query).toEqual({
      state: "open",
      kinds: ["mr"],
      labels: ["needs review", "bug"],
      authors: ["bob@b.test"],
      assignees: ["alice@a.test"],
      projects: ["pubsub.a.test/demo"],
      words: ["crash", "on", "start"],
    });
  });

  it("reports and ignores what it does not understand", () => {
    const { query, ignored } = parseSearchQuery(
      "is:maybe author:not-a-jid project:../etc label: word",
    );
    expect(query.state).toBeUndefined();
    expect(query.authors).toEqual([]);
    expect(query.projects).toEqual([]);
    expect(query.labels).toEqual([]);
    expect(query.words).toEqual(["word"]);
    expect(ignored).toHaveLength(4);
  });

  it("keeps a word with a colon that names no filter as a word", () => {
    expect(parseSearchQuery("http://x :y").query.words).toEqual(["http://x", ":y"]);
  });

  it("an empty or blank query asks for nothing", () => {
    expect(isEmptySearch(parseSearchQuery("   ").query)).toBe(true);
    expect(isEmptySearch(parseSearchQuery("is:closed").query)).toBe(false);
  });

  it("caps the text and the number of terms of each kind", () => {
    const many = Array.from({ length: 30 }, (_, i) => `label:l${i}`).join(" ");
    const { query, ignored } = parseSearchQuery(many);
    expect(query.labels.length).toBeLessThanOrEqual(8);
    expect(ignored.length).toBeGreaterThan(0);
    expect(searchTerms("a".repeat(10_000)).join("").length).toBe(MAX_SEARCH_QUERY);
  });

  it("fuzz: never throws, and everything it returns is checked", () => {
    const piece = fc.constantFrom(
      "is:",
      "label:",
      "author:",
      "assignee:",
      "project:",
      '"',
      " ",
      "\t",
      ":",
      "open",
      "bob@b.test",
      "pubsub.a.test/demo",
      "\u0000",
      "é",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 60 }),
        (parts) => {
          const { query } = parseSearchQuery(parts.join(""));
          for (const jid of [...query.authors, ...query.assignees]) {
            expect(BareJidSchema.safeParse(jid).success).toBe(true);
          }
          for (const project of query.projects) expect(project).toMatch(/^[^/\s]+\/[^/\s]+$/);
          for (const word of query.words) {
            expect(word).not.toMatch(/\s/);
            expect(word).toBe(word.toLowerCase());
          }
          for (const list of Object.values(query)) {
            if (Array.isArray(list)) expect(list.length).toBeLessThanOrEqual(8);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
