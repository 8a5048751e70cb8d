import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { decodeComment, encodeVerdictEntry, NS_ATOM } from "./codec";
import { NS_PUBFORGE_REVIEW } from "./review-namespace";
import { type Verdict, verdictOfElement } from "./verdict";

const AT = "2026-12-05T09:00:00Z";

function entry(verdict: Verdict, markdown = "") {
  return encodeVerdictEntry({
    verdict,
    markdown,
    authorName: "bob",
    authorJid: "bob@b.test",
    published: AT,
    updated: AT,
    id: "xmpp:pubsub.a.test?;node=c;item=v1",
  });
}

/** Decoded as it comes back from a server: serialised, then parsed. */
function read(xml: string) {
  const decoded = decodeComment(parseXml(xml));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.comment;
}

/** An entry with `marks` in place of Pubforge's category and verdict element. */
function withMarks(marks: string): string {
  return `<entry xmlns="${NS_ATOM}"><title type="text">Approved revision 2</title>${marks}</entry>`;
}
const CATEGORY = `<category scheme="${NS_PUBFORGE_REVIEW}" term="verdict"/>`;
const mark = (attrs: string, inner = "") =>
  `<verdict xmlns="${NS_PUBFORGE_REVIEW}" ${attrs}>${inner}</verdict>`;

describe("verdict entries", () => {
  it("round-trip each verdict with the revision it judged", () => {
    for (const value of ["approve", "request-changes", "comment"] as const) {
      const comment = read(entry({ value, revision: 3 }, "Looks *good*").toString());
      expect(comment.verdict).toEqual({ value, revision: 3 });
      expect(comment.markdown).toContain("Looks *good*");
    }
  });

  it("say what they are in the text every XEP-0277 client shows", () => {
    const comment = read(entry({ value: "request-changes", revision: 2 }).toString());
    expect(comment.text).toBe("Requested changes on revision 2");
    const approved = read(entry({ value: "approve", revision: 4 }, "LGTM").toString());
    expect(approved.text).toBe("Approved revision 4\n\nLGTM");
  });

  it("carry a category any Atom reader can filter on", () => {
    const xml = entry({ value: "approve", revision: 1 });
    const categories = xml.getChildren("category", NS_ATOM);
    expect(categories.map((c) => c.attrs)).toEqual([
      { scheme: NS_PUBFORGE_REVIEW, term: "verdict" },
    ]);
  });

  it("are plain comments without both marks", () => {
    expect(read(withMarks(mark('value="approve" revision="2"'))).verdict).toBeUndefined();
    expect(read(withMarks(CATEGORY)).verdict).toBeUndefined();
    expect(read(withMarks(mark('value="approve" revision="2"') + CATEGORY)).verdict).toEqual({
      value: "approve",
      revision: 2,
    });
  });

  it("are plain comments when marked twice, even alike", () => {
    const one = mark('value="approve" revision="2"');
    expect(read(withMarks(one + one + CATEGORY)).verdict).toBeUndefined();
    expect(read(withMarks(one + CATEGORY + CATEGORY)).verdict).toBeUndefined();
    const otherTerm = `<category scheme="${NS_PUBFORGE_REVIEW}" term="resolution"/>`;
    expect(read(withMarks(one + otherTerm)).verdict).toBeUndefined();
  });

  it("refuse hostile attributes", () => {
    for (const attrs of [
      'value="approved" revision="2"',
      'value="APPROVE" revision="2"',
      'value="approve"',
      'value="approve" revision="0"',
      'value="approve" revision="-1"',
      'value="approve" revision="1e3"',
      'value="approve" revision=" 2"',
      'value="approve" revision="02"',
      'value="approve" revision="9999999999"',
      'value="approve" revision="2" by="alice@a.test"',
    ]) {
      expect(read(withMarks(mark(attrs) + CATEGORY)).verdict, attrs).toBeUndefined();
    }
    expect(
      read(withMarks(mark('value="approve" revision="2"', "<x/>") + CATEGORY)).verdict,
    ).toBeUndefined();
  });

  it("read any verdict element without throwing", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom("value", "revision", "xmlns", "x"), fc.string(), {
          maxKeys: 4,
        }),
        (attrs) => {
          const element = parseXml(`<verdict xmlns="${NS_PUBFORGE_REVIEW}"/>`);
          element.attrs = { ...element.attrs, ...attrs };
          const verdict = verdictOfElement(element);
          if (verdict) {
            expect(Number.isSafeInteger(verdict.revision)).toBe(true);
            expect(verdict.revision).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
