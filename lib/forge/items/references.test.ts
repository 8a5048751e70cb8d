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

describe("the items a text mentions", () => {
  it("are its #N and !N outside code, each once", () => {
    expect(mentionedItems("See #12 and !7, again #12.\n\n`#3` and\n```\n#4\n```\n- #5")).toEqual([
      { kind: "ticket", number: 12 },
      { kind: "merge-request", number: 7 },
      { kind: "ticket", number: 5 },
    ]);
    expect(mentionedItems("C#1, example.test/#2, &#3;")).toEqual([]);
  });

  it("take time linear in a hostile text's length", () => {
    expectLinearIn((n) => "#1 `".repeat(n), mentionedItems, 50_000);
    expectLinearIn((n) => "```\n".repeat(n), mentionedItems, 50_000);
  });
});
