import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Anchor } from "./anchor";
import { DiffView, type DiffViewProps } from "./diff-view";
import { file, hunk } from "./fixtures";
import { COLLAPSE_CHANGED_LINES } from "./rows";

const app = file("src/app.txt", [
  hunk(1, 1, [" one", " two", "-three", "+<script>alert(1)</script>", " four"], "intro"),
]);
const code = file("src/main.ts", [hunk(1, 1, ["+const x = 1;", "\\ No newline at end of file"])], {
  status: "added",
});

const render = (props: DiffViewProps) => renderToStaticMarkup(createElement(DiffView, props));

const form = (anchor: Anchor) =>
  createElement("textarea", { "aria-label": `Comment on line ${anchor.line}` });

describe("DiffView", () => {
  const html = render({
    files: [app, code],
    mode: "unified",
    renderCommentForm: form,
    comments: [
      {
        anchor: { file: "src/app.txt", side: "new", line: 3 },
        node: createElement("p", null, "Why <this>?"),
      },
    ],
  });

  it("summarises the changed files", () => {
    expect(html).toContain("2 files changed");
    expect(html).toContain('<a href="#diff-file-0"');
    expect(html).toContain("2 lines added, 1 removed");
  });

  it("renders each file as a table named by its caption, with column and hunk headers", () => {
    expect(html).toContain('<caption class="sr-only">Changes to src/app.txt</caption>');
    expect(html).toContain('<caption class="sr-only">Changes to src/main.ts</caption>');
    expect(html.match(/<th scope="col"/g)).toHaveLength(8);
    expect(html).toMatch(
      /<th scope="rowgroup" colSpan="4"[^>]*><span class="select-none">@@ -1,4 \+1,4 @@<\/span>/,
    );
    expect(html).toContain("intro");
  });

  it("escapes code text and highlights known languages", () => {
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it("keeps gutters out of text selection and marks changes in words", () => {
    expect(html).toMatch(/<td class="diff-num diff-del select-none">/);
    expect(html).toMatch(/<span class="sr-only">added<\/span>/);
    expect(html).toMatch(/<span class="diff-noeol select-none">No newline at end of file<\/span>/);
  });

  it("gives every line a named comment button, but renders no form until one is opened", () => {
    // The accessible name comes from hidden text, so label lookups do not find the button.
    const named = (name: string) => `<span class="sr-only">${name}</span></button>`;
    expect(html).toContain(named("Comment on line 3 of src/app.txt"));
    expect(html).toContain(named("Comment on deleted line 3 of src/app.txt"));
    expect(html).toContain(named("Comment on line 1 of src/main.ts"));
    expect(html).not.toMatch(/<button[^>]*aria-label/);
    expect(html.match(/<button type="button"/g)).toHaveLength(6);
    expect(html).toContain('aria-expanded="false"');
    expect(html).not.toContain("<textarea");
  });

  it("shows comment threads in a full-width row right under their line", () => {
    const line = html.indexOf("&lt;script&gt;alert(1)");
    const thread = html.indexOf('<tr class="diff-comments" data-comments-for="new:3:src/app.txt">');
    const next = html.indexOf("four");
    expect(line).toBeGreaterThan(0);
    expect(thread).toBeGreaterThan(line);
    expect(next).toBeGreaterThan(thread);
    expect(html).toContain('<td colSpan="4"><p>Why &lt;this&gt;?</p></td>');
  });

  it("pairs deletions with additions side by side in split mode", () => {
    const split = render({ files: [app], mode: "split" });
    expect(split.match(/<th scope="col"/g)).toHaveLength(6);
    const changed = split.split("<tr>").find((row) => row.includes("three"))!;
    expect(changed).toContain("&lt;script&gt;");
    expect(changed).toMatch(/diff-code diff-del.*diff-code diff-add/);
  });

  it("has no comment buttons without a form", () => {
    expect(render({ files: [app] })).not.toContain("<button");
  });

  it("opens small files and collapses big, binary and deleted ones", () => {
    const big = file("big.txt", [
      hunk(
        0,
        1,
        Array.from({ length: COLLAPSE_CHANGED_LINES + 1 }, (_, i) => `+${i}`),
      ),
    ]);
    const binary = file("logo.png", [], { binary: true });
    const out = render({ files: [app, big, binary] });
    expect(out).toMatch(/<details id="diff-file-0" open=""/);
    expect(out).toMatch(/<details id="diff-file-1" class/);
    expect(out).toContain("Large diff: 401 changed lines");
    expect(out).toContain("Load diff");
    expect(out).toContain("Binary file not shown.");
  });
});
