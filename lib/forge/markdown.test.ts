import type { Element as HastElement, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { markdownToXhtmlElement, NS_XHTML, renderMarkdown, sanitizeXhtml } from "./markdown";
import { parseXml } from "@/lib/xmpp/xml";

const FORBIDDEN_TAGS = new Set([
  "script",
  "style",
  "svg",
  "math",
  "iframe",
  "object",
  "embed",
  "frame",
  "frameset",
  "form",
  "meta",
  "base",
  "link",
  "template",
  "noscript",
  "textarea",
]);
const URL_PROPERTIES = [
  "href",
  "src",
  "action",
  "formAction",
  "xLinkHref",
  "poster",
  "data",
  "cite",
  "background",
  "srcSet",
  "longDesc",
];

/** Reads the output as a browser would and fails on anything that could run or load script. */
function expectNothingExecutable(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(svg|iframe|object|embed|style|math)\b/i);
  expect(html).not.toMatch(
    /\b(href|src|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
  );
  // Handlers, looked for in tags with attribute values blanked: escaped text and quoted
  // values may well say "onerror=", harmlessly.
  const tags = (html.match(/<[^>]*>/g) ?? []).map((tag) => tag.replace(/"[^"]*"/g, '""'));
  expect(tags.join(" ")).not.toMatch(/\son\w+\s*=/i);
  const tree = unified().use(rehypeParse, { fragment: true }).parse(html) as Root;
  const visit = (node: Root | RootContent) => {
    if (node.type === "element") checkElement(node);
    if ("children" in node) node.children.forEach(visit);
  };
  visit(tree);
}

function checkElement(element: HastElement) {
  expect(FORBIDDEN_TAGS.has(element.tagName), `<${element.tagName}> survived`).toBe(false);
  for (const [property, value] of Object.entries(element.properties)) {
    expect(/^on/i.test(property), `${property} on <${element.tagName}> survived`).toBe(false);
    expect(property).not.toBe("style");
    if (URL_PROPERTIES.includes(property)) {
      // Browsers ignore control characters and whitespace when reading a URL's scheme.
      const url = String(value)
        .replace(/[\u0000-\u0020\u007f]/g, "")
        .toLowerCase();
      expect(url, `${property}=${String(value)}`).not.toMatch(/^(javascript|vbscript|data):/);
    }
  }
}

const HOSTILE_MARKDOWN = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x]( javascript:alert(1) )",
  "[x](<javascript:alert(1)>)",
  "[x](jav&#x61;script:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](java%0ascript:alert(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](vbscript:msgbox(1))",
  "[x][r]\n\n[r]: javascript:alert(1)",
  "<javascript:alert(1)>",
  "![x](javascript:alert(1))",
  "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "<svg><script>alert(1)</script></svg>",
  "<svg onload=alert(1)>",
  '<a href="vbscript:msgbox(1)">x</a>',
  '<iframe src="https://evil.test"></iframe>',
  "<style>body{background:url(javascript:alert(1))}</style>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  "<details open ontoggle=alert(1)>",
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  "| a |\n|---|\n| <script>alert(1)</script> |",
  "- [ ] <img src=x onerror=alert(1)>",
  '[x](https://ok.test "title\\" onmouseover=alert(1)")',
];

const HOSTILE_XHTML = [
  "<script>alert(1)</script>",
  '<img src="x" onerror="alert(1)"/>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x61;script:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="java&#x9;script:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/>',
  "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
  "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
  "<svg xmlns='http://www.w3.org/2000/svg'><a xmlns:xl='http://www.w3.org/1999/xlink' xl:href='javascript:alert(1)'>x</a></svg>",
  "<math xmlns='http://www.w3.org/1998/Math/MathML'><mtext><table><mglyph><style>x</style><img src='x' onerror='alert(1)'/></mglyph></table></mtext></math>",
  '<iframe src="javascript:alert(1)"></iframe>',
  "<style>body{background:url(javascript:alert(1))}</style>",
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)"/>',
  '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"/><base href="javascript:alert(1)//"/>',
  '<link rel="stylesheet" href="https://evil.test/x.css"/>',
  '<details open="open" ontoggle="alert(1)">x</details>',
  '<noscript><p title="&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;">x</p></noscript>',
  "<textarea>&lt;/textarea&gt;&lt;img src=x onerror=alert(1)&gt;</textarea>",
  "<p><![CDATA[<script>alert(1)</script>]]></p>",
  "<x:script xmlns:x='http://www.w3.org/1999/xhtml'>alert(1)</x:script>",
  "<script xmlns='urn:not-html'>alert(1)</script>",
  '<input type="text" autofocus="autofocus" onfocus="alert(1)"/>',
];

function wrapped(fragment: string) {
  return `<div xmlns="${NS_XHTML}">${fragment}</div>`;
}

describe("renderMarkdown", () => {
  it.each(HOSTILE_MARKDOWN)("leaves nothing executable from %j", (markdown) => {
    expectNothingExecutable(renderMarkdown(markdown));
    expectNothingExecutable(markdownToXhtmlElement(markdown).toString());
  });

  it("renders headings, emphasis, lists, code, tables, task lists and links", () => {
    const html = renderMarkdown(
      [
        "# Title",
        "## Sub",
        "Some *em*, **strong**, ~~gone~~ and `code`.",
        "- one\n- two",
        "1. first\n2. second",
        "- [ ] todo\n- [x] done",
        "```ts\nconst a = 1 < 2;\n```",
        "| a | b |\n|---|:-:|\n| 1 | 2 |",
        "[site](https://example.test/a?b=1) and https://auto.test and <mailto:me@example.test> and [me](xmpp:me@example.test)",
        "> quoted",
      ].join("\n\n"),
    );
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<h2>Sub</h2>");
    expect(html).toContain(
      "<em>em</em>, <strong>strong</strong>, <del>gone</del> and <code>code</code>",
    );
    expect(html).toContain("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(html).toContain("<ol>\n<li>first</li>");
    expect(html).toContain('<li class="task-list-item"><input type="checkbox" disabled> todo</li>');
    expect(html).toContain('<input type="checkbox" checked disabled> done');
    expect(html).toContain('<pre><code class="language-ts">const a = 1 &#x3C; 2;\n</code></pre>');
    expect(html).toContain("<th>a</th>");
    expect(html).toContain('<td align="center">2</td>');
    expect(html).toContain(
      '<a href="https://example.test/a?b=1" rel="nofollow noopener noreferrer">site</a>',
    );
    expect(html).toContain(
      '<a href="https://auto.test" rel="nofollow noopener noreferrer">https://auto.test</a>',
    );
    expect(html).toContain('href="mailto:me@example.test"');
    expect(html).toContain('href="xmpp:me@example.test"');
    expect(html).toContain("<blockquote>\n<p>quoted</p>\n</blockquote>");
  });

  it("keeps footnote links pointing at their (prefixed) targets", () => {
    const html = renderMarkdown("Text[^1]\n\n[^1]: The note.");
    expect(html).toContain('href="#user-content-fn-1"');
    expect(html).toContain('id="user-content-fn-1"');
    expect(html).toContain('href="#user-content-fnref-1"');
    expect(html).toContain('id="user-content-fnref-1"');
  });

  it("drops raw HTML but keeps its text, escaped", () => {
    expect(renderMarkdown("a <b>bold</b> <kbd>k</kbd>")).toBe("<p>a bold k</p>");
    expect(renderMarkdown("1 < 2 & 3 > 2")).toBe("<p>1 &#x3C; 2 &#x26; 3 > 2</p>");
  });

  it("names a fence's language only when it is a language's name", () => {
    // Found by markdown.fuzz.test.ts: the info string went into the class as written.
    const html = renderMarkdown("~~~~<script>\nx\n~~~~");
    expect(html).toMatch(/^<pre><code( class="")?>x\n<\/code><\/pre>$/);
    expect(renderMarkdown("```c++\nx\n```")).toContain('<code class="language-c++">');
  });
});

describe("sanitizeXhtml", () => {
  it.each(HOSTILE_XHTML)("leaves nothing executable from %j", (fragment) => {
    expectNothingExecutable(sanitizeXhtml(wrapped(fragment)));
    expectNothingExecutable(sanitizeXhtml(parseXml(wrapped(fragment))));
  });

  it("keeps Libervia's ordinary XHTML bodies", () => {
    const body = parseXml(
      wrapped(
        "<p>extra <b>fields</b> and <a href='https://x.test/'>a link</a></p><ul><li>one</li></ul>",
      ),
    );
    expect(sanitizeXhtml(body)).toBe(
      '<div><p>extra <b>fields</b> and <a href="https://x.test/" rel="nofollow noopener noreferrer">a link</a></p><ul><li>one</li></ul></div>',
    );
    expect(sanitizeXhtml(parseXml(wrapped("")))).toBe("<div></div>");
  });

  it("reads an element as XML: self-closed elements stay empty, entities are decoded once", () => {
    expect(sanitizeXhtml(parseXml(wrapped("<p/>after &amp;lt;b&amp;gt;")))).toBe(
      "<div><p></p>after &#x26;lt;b&#x26;gt;</div>",
    );
  });

  it("prefixes ids and names so they cannot clobber globals of the page", () => {
    expect(sanitizeXhtml(wrapped('<p id="location"><a name="top">x</a></p>'))).toBe(
      '<div><p id="user-content-location"><a name="user-content-top">x</a></p></div>',
    );
  });
});

describe("markdownToXhtmlElement", () => {
  it("produces well-formed XHTML in a namespaced div, with void elements closed", () => {
    const md =
      "Line  \nbreak\n\n---\n\n![alt](https://x.test/i.png)\n\n- [x] done\n\n| a |\n|---|\n|   |";
    const element = markdownToXhtmlElement(md);
    const text = element.toString();
    expect(text.startsWith(`<div xmlns="${NS_XHTML}">`)).toBe(true);
    expect(text).toContain("<br/>");
    expect(text).toContain("<hr/>");
    expect(text).toContain('<img src="https://x.test/i.png" alt="alt"/>');
    expect(text).toContain('<input type="checkbox" checked="checked" disabled="disabled"/>');
    expect(text).toContain("<td></td>");
    // Well-formed: an XML parser reads back exactly the same tree.
    expect(parseXml(text).toString()).toBe(text.replace("<td></td>", "<td/>"));
  });

  it("escapes text and maps attribute names back from hast properties", () => {
    const text = markdownToXhtmlElement(
      'a < b & [l](https://x.test/?a=1&b="2")\n\n```js\nx\n```\n\nn[^1]\n\n[^1]: f',
    ).toString();
    expect(text).toContain("a &lt; b &amp; ");
    expect(text).toContain('href="https://x.test/?a=1&amp;b=%222%22"');
    expect(text).toContain('<code class="language-js">');
    expect(text).toContain(
      'data-footnote-ref="data-footnote-ref" aria-describedby="footnote-label"',
    );
  });

  it("renders to the same HTML whether from markdown or from the XHTML it produced", () => {
    const md = "# T\n\nSome *em* and [l](https://x.test).\n\n- a\n- b";
    expect(sanitizeXhtml(markdownToXhtmlElement(md))).toBe(`<div>${renderMarkdown(md)}</div>`);
  });
});

describe("characters XML cannot carry", () => {
  it("are left out of the XHTML so the stanza stays valid", () => {
    const text = markdownToXhtmlElement("a\u0001b *c\u0002*").toString();
    expect(text).toBe(`<div xmlns="${NS_XHTML}"><p>ab <em>c</em></p></div>`);
    expect(parseXml(text).toString()).toBe(text);
  });
});
