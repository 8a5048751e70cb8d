import type { Element as HastElement, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { findWikiLinks, pageSlug } from "./links";
import { renderWiki, type WikiRenderContext } from "./render";

const BASE = "/p/pubsub.a.test/demo/wiki";
const EXISTING = new Set(["home", "install"]);
const context: WikiRenderContext = { wikiBase: BASE, exists: (slug) => EXISTING.has(slug) };
const render = (markdown: string) => renderWiki(markdown, context);

const FORBIDDEN_TAGS = new Set(
  "script style svg math iframe object embed frame frameset form meta base link template noscript textarea".split(
    " ",
  ),
);
const URL_PROPERTIES = new Set(["href", "src", "action", "formAction", "xLinkHref", "poster"]);

function elements(html: string): HastElement[] {
  const found: HastElement[] = [];
  const visit = (node: Root | RootContent) => {
    if (node.type === "element") found.push(node);
    if ("children" in node) node.children.forEach(visit);
  };
  visit(unified().use(rehypeParse, { fragment: true }).parse(html) as Root);
  return found;
}

/** Reads the output as a browser would; fails on anything that could run or load script. */
function expectNothingExecutable(html: string) {
  expect(html).not.toMatch(/<script/i);
  const tags = (html.match(/<[^>]*>/g) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
  expect(tags.join(" ")).not.toMatch(/\son\w+\s*=/i);
  for (const element of elements(html)) {
    expect(FORBIDDEN_TAGS.has(element.tagName), `<${element.tagName}> survived`).toBe(false);
    for (const [property, value] of Object.entries(element.properties)) {
      expect(/^on/i.test(property), `${property} survived`).toBe(false);
      expect(property).not.toBe("style");
      if (URL_PROPERTIES.has(property)) {
        const url = String(value)
          .replace(/[\u0000-\u0020\u007f]/g, "")
          .toLowerCase();
        expect(url, `${property}=${String(value)}`).not.toMatch(/^(javascript|vbscript|data):/);
      }
    }
  }
}

const HOSTILE = [
  "[[<script>alert(1)</script>]]",
  "[[<img src=x onerror=alert(1)>]]",
  '[["onmouseover="alert(1)]]',
  '[[x" onmouseover="alert(1)]]',
  '[["onmouseover=alert(1) x="|label]]',
  "[[javascript:alert(1)]]",
  "[[Install|<script>alert(1)</script>]]",
  '[[Install|" onmouseover="alert(1)]]',
  "[[Install|javascript:alert(1)]]",
  "[[javascript:alert(1)|click]]",
  "[[Home]](javascript:alert(1))",
  "[ [[Home]] ](javascript:alert(1))",
  "[[ <svg onload=alert(1)> ]]",
  "[[&lt;script&gt;alert(1)&lt;/script&gt;]]",
  "[[&#106;avascript:alert(1)]]",
  "[[%22onmouseover=alert(1)]]",
  "[[a]]<script>alert(1)</script>[[b]]",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](<javascript:alert(1)>)",
  "[x](jav&#x61;script:alert(1))",
  "[x](java%0ascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x][r]\n\n[r]: javascript:alert(1)",
  "![x](javascript:alert(1))",
  "<svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  "<details open ontoggle=alert(1)>",
  '[x](https://ok.test "title\\" onmouseover=alert(1)")',
  "[x](\\\\evil.test/x)",
  "[x](javascript%3Aalert(1))",
];

describe("renderWiki", () => {
  it.each(HOSTILE)("leaves nothing executable from %j", (markdown) => {
    expectNothingExecutable(render(markdown));
  });

  it("keeps hostile page names as text of a link into the wiki", () => {
    // Markup splits the text, so the parser sees raw HTML (dropped) between two text runs:
    // what is left is plain text, not a link.
    const html = render("[[<script>alert(1)</script>]]");
    expect(html).toBe("<p>[[alert(1)]]</p>");
    const named = elements(render('[["onmouseover=alert(1) x]]')).find((e) => e.tagName === "a");
    expect(named?.properties.href).toBe(
      `${BASE}/onmouseover-alert-1-x?title=${encodeURIComponent('"onmouseover=alert(1) x')}`,
    );
    expect(render('[["onmouseover=alert(1) x]]')).toContain('>"onmouseover=alert(1) x</a></p>');
    const scheme = elements(render("[[javascript:alert(1)]]")).find((e) => e.tagName === "a");
    expect(scheme?.properties.href).toBe(`${BASE}/javascript-alert-1?title=javascript%3Aalert(1)`);
  });

  it("links [[Page name]] to the page, styled by whether it exists", () => {
    const html = render("See [[Install]], [[Home|the start]] and [[Release notes]].");
    const links = elements(html).filter((e) => e.tagName === "a");
    expect(links.map((a) => [a.properties.href, a.properties.className])).toEqual([
      [`${BASE}/install`, ["wiki-link"]],
      [`${BASE}/home`, ["wiki-link"]],
      [`${BASE}/release-notes?title=Release%20notes`, ["wiki-link", "wiki-missing"]],
    ]);
    expect(html).toContain(">the start</a>");
    expect(html).toContain('rel="nofollow noopener noreferrer"');
  });

  it("resolves relative links against the wiki and styles them too", () => {
    const html = render("[back](home) [gone](missing-page) [anchor](#x) [ext](https://e.test/)");
    const links = elements(html).filter((e) => e.tagName === "a");
    expect(links.map((a) => [a.properties.href, a.properties.className])).toEqual([
      [`${BASE}/home`, ["wiki-link"]],
      [`${BASE}/missing-page`, ["wiki-link", "wiki-missing"]],
      ["#x", undefined],
      ["https://e.test/", undefined],
    ]);
  });

  it("leaves [[…]] in code alone", () => {
    const html = render("`[[Install]]`\n\n```\n[[Install]]\n```");
    expect(elements(html).filter((e) => e.tagName === "a")).toHaveLength(0);
    expect(html).toContain("<code>[[Install]]</code>");
  });

  it("renders ordinary markdown", () => {
    expect(render("# Title\n\n*em* and **strong**")).toBe(
      "<h1>Title</h1>\n<p><em>em</em> and <strong>strong</strong></p>",
    );
  });
});

describe("page slugs", () => {
  it.each([
    ["Install", "install"],
    ["Release notes", "release-notes"],
    ["  C++ / Rust tips!  ", "c-rust-tips"],
    ["Café crème", "café-crème"],
    ["Ｆｕｌｌ　ｗｉｄｔｈ", "full-width"],
    ["日本語のページ", "日本語のページ"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["!!!", ""],
    ["a".repeat(150), "a".repeat(100)],
  ])("%j → %j", (name, slug) => {
    expect(pageSlug(name)).toBe(slug);
  });

  it("finds [[links]] with labels, skipping unusable names", () => {
    expect(findWikiLinks("a [[Install]] b [[Home | start ]] c [[!!!]] [[x\ny]]")).toEqual([
      { index: 2, length: 11, name: "Install", label: "Install", slug: "install" },
      { index: 16, length: 17, name: "Home", label: "start", slug: "home" },
    ]);
  });
});
