import { describe, expect, it } from "vitest";
import { hunk } from "./fixtures";
import {
  escapeHtml,
  highlightHunk,
  highlightLines,
  languageFor,
  MAX_HIGHLIGHT_LINES,
  splitHighlighted,
} from "./highlight";

/** The text a browser would show, after checking the markup holds nothing but spans. */
function textOf(html: string): string {
  const text = html.replace(/<span class="[\w\s-]*">|<\/span>/g, "");
  expect(text).not.toContain("<");
  expect(text).not.toContain(">");
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}

const balanced = (html: string) =>
  (html.match(/<span /g) ?? []).length === (html.match(/<\/span>/g) ?? []).length;

describe("languageFor", () => {
  it("picks the language from the extension, case-insensitively", () => {
    expect(languageFor("src/app.ts")).toBe("typescript");
    expect(languageFor("components/x.tsx")).toBe("typescript");
    expect(languageFor("lib/Main.JAVA")).toBe("java");
    expect(languageFor("a/b/setup.py")).toBe("python");
    expect(languageFor("src/lib.rs")).toBe("rust");
    expect(languageFor("include/x.h")).toBe("c");
    expect(languageFor("src/x.cpp")).toBe("cpp");
    expect(languageFor("index.html")).toBe("xml");
    expect(languageFor("README.md")).toBe("markdown");
    expect(languageFor(".github/ci.yml")).toBe("yaml");
    expect(languageFor("fix.patch")).toBe("diff");
    expect(languageFor("home/.bashrc")).toBe("bash");
  });

  it("falls back to plain text", () => {
    expect(languageFor("src/app.txt")).toBeUndefined();
    expect(languageFor("Makefile")).toBeUndefined();
    expect(languageFor(".ts")).toBeUndefined();
    // Not Object.prototype members.
    expect(languageFor("constructor")).toBeUndefined();
    expect(languageFor("x.constructor")).toBeUndefined();
    expect(languageFor("x.__proto__")).toBeUndefined();
  });
});

describe("highlightLines", () => {
  const hostile = [
    'const a = "<script>alert(1)</script>";',
    "// </span><img src=x onerror=alert(1)>",
  ];

  it.each(["src/app.ts", "src/app.txt", "page.html", "notes.md"])(
    "escapes code text in %s",
    (path) => {
      const html = highlightLines(path, hostile);
      expect(html.map(textOf)).toEqual(hostile);
      expect(html.join("\n")).not.toMatch(/<script|<img|<\/script/i);
    },
  );

  it("colours tokens and returns one balanced line per input line", () => {
    const lines = highlightLines("src/app.ts", [
      "/* a comment",
      "   still comment */",
      "const x = 1;",
    ]);
    expect(lines).toHaveLength(3);
    expect(lines.every(balanced)).toBe(true);
    // The comment's second line is still coloured as a comment: the span was reopened.
    expect(lines[1]).toMatch(/^<span class="hljs-comment">\s+still comment \*\/<\/span>$/);
    expect(lines[2]).toContain('<span class="hljs-keyword">const</span>');
  });

  it("keeps empty lines", () => {
    expect(highlightLines("a.py", ["def f():", "", "    return 1"])).toHaveLength(3);
  });

  it("leaves plain text plain", () => {
    expect(highlightLines("app.txt", ["a & b", "'q'"])).toEqual(["a &amp; b", "&#x27;q&#x27;"]);
  });

  it("does not highlight over the size cap", () => {
    const lines = Array.from({ length: MAX_HIGHLIGHT_LINES + 1 }, (_, i) => `const x${i} = <b>;`);
    const html = highlightLines("big.ts", lines);
    expect(html).toHaveLength(lines.length);
    expect(html[0]).toBe(escapeHtml(lines[0]!));
    expect(html.some((line) => line.includes("<span"))).toBe(false);
  });

  it("accepts an explicit language, or null for plain text", () => {
    expect(highlightLines("x", ["+added"], "diff")[0]).toContain("hljs-addition");
    expect(highlightLines("x.ts", ["const x"], null)).toEqual(["const x"]);
  });
});

describe("splitHighlighted", () => {
  it("closes and reopens nested spans at line ends", () => {
    expect(splitHighlighted('<span class="a">x<span class="b">y\nz</span>\nw</span>')).toEqual([
      '<span class="a">x<span class="b">y</span></span>',
      '<span class="a"><span class="b">z</span></span>',
      '<span class="a">w</span>',
    ]);
  });

  it("refuses markup that highlight.js never emits", () => {
    expect(splitHighlighted("a<img src=x>")).toBeUndefined();
    expect(splitHighlighted('<span class="a" onclick="x">b</span>')).toBeUndefined();
    expect(splitHighlighted("a</span>")).toBeUndefined();
  });
});

describe("highlightHunk", () => {
  it("colours each side separately and aligns with hunk.lines", () => {
    const h = hunk(1, 1, [
      " let a = 1;",
      "-let b = '<x>';",
      "+const b = 2;",
      "\\ No newline at end of file",
    ]);
    const html = highlightHunk("a.js", h);
    expect(html).toHaveLength(4);
    expect(html[0]).toContain('<span class="hljs-keyword">let</span>');
    expect(html[1]).toContain("&lt;x&gt;");
    expect(html[2]).toContain('<span class="hljs-keyword">const</span>');
    expect(html[3]).toBe("");
  });
});
