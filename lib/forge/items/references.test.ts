import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown, sanitizeXhtml } from "@/lib/forge/markdown";
import { expectLinearIn } from "@/lib/testing/linear-time";
import { mentionedItems } from "./references";

const PROJECT = "/p/pubsub.a.test/demo";
const render = (markdown: string) => renderMarkdown(markdown, { projectPath: PROJECT });
const ticket = (n: number) => `<a href="${PROJECT}/tickets/${n}" class="item-ref">#${n}</a>`;
const mr = (n: number) => `<a href="${PROJECT}/mr/${n}" class="item-ref">!${n}</a>`;

describe("#12 and !7 in rendered markdown", () => {
  it("link the project's ticket and merge request", () => {
    expect(render("Fixed by !7, see #12.")).toBe(`<p>Fixed by ${mr(7)}, see ${ticket(12)}.</p>`);
    expect(render("(#3) and #4\n\n- #5")).toBe(
      `<p>(${ticket(3)}) and ${ticket(4)}</p>\n<ul>\n<li>${ticket(5)}</li>\n</ul>`,
    );
    expect(render("**#9**")).toBe(`<p><strong>${ticket(9)}</strong></p>`);
  });

  it("leave code spans, code blocks and links alone", () => {
    expect(render("`#12` and `!7`")).toBe("<p><code>#12</code> and <code>!7</code></p>");
    expect(render("```\n#12 !7\n```")).toBe("<pre><code>#12 !7\n</code></pre>");
    expect(render("[see #12](https://example.test/x)")).toBe(
      '<p><a href="https://example.test/x" rel="nofollow noopener noreferrer">see #12</a></p>',
    );
    expect(render("https://example.test/issues/#12")).not.toContain("item-ref");
  });

  it("do not match inside words, URLs, entities or numbers with leading zeros", () => {
    for (const text of [
      "C#1",
      "wow!7",
      "example.test/#12",
      "a?x=!7",
      "&#12;",
      "#012",
      "#0",
      "!12abc",
      "#1234567890",
      "100%#1",
    ]) {
      expect(render(text), text).not.toContain("item-ref");
    }
  });

  it("stay text without a project to link to", () => {
    expect(renderMarkdown("#12 and !7")).toBe("<p>#12 and !7</p>");
  });

  it("keep sanitising: nothing executable gets through around a reference", () => {
    const html = render(
      'a <script>alert("#1")</script> [x](javascript:alert(1)) #2 <img src=x onerror=#3>',
    );
    expect(html).not.toMatch(/<script|javascript:|onerror/i);
    expect(html).toContain(ticket(2));
  });

  it("link in XHTML bodies from other clients too, outside their links and code", () => {
    const html = sanitizeXhtml(
      '<div><p>See #4 and <a href="https://x.test">#5</a> and <code>!6</code><script>#7</script></p></div>',
      { projectPath: PROJECT },
    );
    expect(html).toBe(
      `<div><p>See ${ticket(4)} and <a href="https://x.test" rel="nofollow noopener noreferrer">#5</a> and <code>!6</code></p></div>`,
    );
  });
});

const OTHER = "/p/pubsub.b.test/other";
const otherTicket = (n: number) =>
  `<a href="${OTHER}/tickets/${n}" class="item-ref">pubsub.b.test/other#${n}</a>`;

describe("service/slug#12 and service/slug!7 in rendered markdown", () => {
  it("link the other project's ticket and merge request", () => {
    expect(render("Blocked by pubsub.b.test/other#12.")).toBe(
      `<p>Blocked by ${otherTicket(12)}.</p>`,
    );
    expect(render("(pubsub.b.test/other!7)")).toBe(
      `<p>(<a href="${OTHER}/mr/7" class="item-ref">pubsub.b.test/other!7</a>)</p>`,
    );
    expect(render("Pubsub.B.Test/Other#3")).toContain(`href="${OTHER}/tickets/3"`);
    expect(render("pubsub.a.test/demo#4")).toContain(`href="${PROJECT}/tickets/4"`);
  });

  it("leave code, links and URLs alone", () => {
    expect(render("`pubsub.b.test/other#12`")).toBe("<p><code>pubsub.b.test/other#12</code></p>");
    expect(render("```\npubsub.b.test/other#12\n```")).not.toContain("item-ref");
    for (const text of [
      "https://pubsub.b.test/other#12",
      "x.test/pubsub.b.test/other#12",
      "bob@pubsub.b.test/other#12",
      "pubsub.b.test/other#12abc",
      "pubsub.b.test/other#0",
      "pubsub..test/other#1",
      ".pubsub.test/other#1",
      "pubsub.b.test/-other#1",
      "pubsub.b.test//other#1",
      `${"a".repeat(250)}.test/other#1`,
      `pubsub.b.test/${"s".repeat(64)}#1`,
    ]) {
      expect(render(text), text).not.toContain("item-ref");
    }
  });

  it("build only their own links from hostile text", () => {
    const html = render(
      'pubsub.b.test/x"onmouseover=alert(1)#1 pubsub.b.test/<script>#2 evil.test/a#3',
    );
    expect(html).not.toMatch(/<script|<[^>]*\sonmouseover/i);
    for (const [tag] of html.matchAll(/<a [^>]*>/g)) {
      expect(tag).toMatch(/^<a href="\/p\/[a-z0-9./-]+" class="item-ref">$/);
    }
    expect(html).toContain('<a href="/p/evil.test/a/tickets/3" class="item-ref">');
  });

  it("link whatever a fuzzer writes only to addresses of the routes' form", () => {
    const piece = fc.constantFrom("#", "!", "/", ".", "-", "a", "Z", "1", "0", " ", "`", "&", ":");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const html = render(pieces.join(""));
        const links = [...html.matchAll(/<a href="([^"]*)" class="item-ref">/g)];
        expect(links.length).toBe(html.split("item-ref").length - 1);
        for (const [, href] of links) {
          expect(href).toMatch(
            /^\/p\/[a-z0-9-]+(\.[a-z0-9-]+)*\/[a-z0-9][a-z0-9-]*\/(tickets|mr)\/[1-9][0-9]*$/,
          );
        }
      }),
    );
  });
});

describe("the items a text mentions", () => {
  it("are its #N and !N outside code, each once", () => {
    expect(mentionedItems("See #12 and !7, again #12.\n\n`#3` and\n```\n#4\n```\n- #5")).toEqual([
      { kind: "ticket", number: 12, project: null },
      { kind: "merge-request", number: 7, project: null },
      { kind: "ticket", number: 5, project: null },
    ]);
    expect(mentionedItems("C#1, example.test/#2, &#3;")).toEqual([]);
  });

  it("take time linear in a hostile text's length", () => {
    expectLinearIn((n) => "#1 `".repeat(n), mentionedItems, 50_000);
    expectLinearIn((n) => "```\n".repeat(n), mentionedItems, 50_000);
    // Runs a cross-project reference could start at and only fail at the end.
    expectLinearIn((n) => `${"a.".repeat(n)}a`, mentionedItems, 50_000);
    expectLinearIn((n) => `a/${"a-".repeat(n)}`, mentionedItems, 50_000);
    expectLinearIn((n) => "a/a#".repeat(n), mentionedItems, 20_000);
    expectLinearIn((n) => " a.b/c".repeat(n), mentionedItems, 20_000);
  });

  it("include other projects' items, named by the project's id, each once", () => {
    expect(
      mentionedItems("pubsub.b.test/other#3 and PUBSUB.B.TEST/other#3, pubsub.b.test/other!3, #3"),
    ).toEqual([
      { kind: "ticket", number: 3, project: "pubsub.b.test/other" },
      { kind: "merge-request", number: 3, project: "pubsub.b.test/other" },
      { kind: "ticket", number: 3, project: null },
    ]);
    expect(
      mentionedItems("`pubsub.b.test/other#3` https://pubsub.b.test/other#4 a..b/c#5 x/-y#6"),
    ).toEqual([]);
  });
});
