import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DiffView, EAGER_LINES, MAX_SHOWN_FILES, type DiffViewProps } from "./diff-view";
import { MAX_SHOWN_LINE_CHARS } from "./highlight";
import { file, hunk } from "./fixtures";
import { COLLAPSE_CHANGED_LINES } from "./rows";

const app = file("src/app.txt", [
  hunk(1, 1, [" one", " two", "-three", "+<script>alert(1)</script>", " four"], "intro"),
]);
const code = file("src/main.ts", [hunk(1, 1, ["+const x = 1;", "\\ No newline at end of file"])], {
  status: "added",
});

const render = (props: DiffViewProps) => renderToStaticMarkup(createElement(DiffView, props));

const commentForm = {
  action: async () => ({}),
  hidden: { mergeRequestId: "mr" },
  submitLabel: "Comment",
};

describe("DiffView", () => {
  const html = render({
    files: [app, code],
    mode: "unified",
    commentForm,
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
    expect(html).toMatch(/<td class="dn d">/);
    expect(html).toMatch(/<td class="dm a"><span class="sr-only">added<\/span><\/td>/);
    expect(html).toMatch(/<span class="diff-noeol">No newline at end of file<\/span>/);
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

  it("escapes what a hostile patch names in the rows built as HTML strings", () => {
    const hostile = `x"><img src=x onerror=alert(1)>.txt`;
    const out = render({
      files: [file(hostile, [hunk(1, 1, ["-a", "+b", "\\ No newline <b>here</b>"])])],
      commentForm,
    });
    expect(out).not.toContain("<img");
    expect(out).not.toContain("<b>");
    expect(out).toContain("Comment on line 1 of x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.txt");
    expect(out).toContain("No newline &lt;b&gt;here&lt;/b&gt;");
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
    expect(changed).toMatch(/<td class="dc d">.*<td class="dc a">/);
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

describe("DiffView with a file loader", () => {
  const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `+${tag} ${i}`);
  const files = Array.from({ length: 6 }, (_, f) =>
    file(`src/f${f}.txt`, [hunk(0, 1, lines(120, `file${f}`))]),
  );
  const loadFile = async () => ({ ok: false as const, message: "not in a unit test" });

  it("renders the rows of the first screens only; the other files are headers to load", () => {
    const out = render({ files, loadFile });
    // 120 lines each: files 0-1 make the first EAGER_LINES (150) lines.
    expect(EAGER_LINES).toBe(150);
    for (const f of [0, 1]) expect(out).toContain(`file${f} 119`);
    for (const f of [2, 3, 4, 5]) {
      expect(out).not.toContain(`file${f} 0`);
      expect(out).toMatch(new RegExp(`<details id="diff-file-${f}"[^>]*data-lazy="idle"`));
    }
    expect(out.match(/Show file/g)).toHaveLength(4);
    expect(out).toContain("6 files changed");
  });

  it("renders every file without a loader", () => {
    const out = render({ files });
    for (const f of [0, 5]) expect(out).toContain(`file${f} 119`);
    expect(out).not.toContain("Show file");
  });

  it("lists no more than MAX_SHOWN_FILES files of a hostile patch, and says so", () => {
    const many = Array.from({ length: MAX_SHOWN_FILES + 5 }, (_, f) =>
      file(`f${f}`, [hunk(0, 1, ["+x"])]),
    );
    const out = render({ files: many, loadFile });
    expect(out.match(/<details /g)).toHaveLength(MAX_SHOWN_FILES);
    expect(out).toContain("Showing the first 1,000 of 1,005 files");
  }, 30_000);

  it("cuts an enormous line where it is shown", () => {
    const huge = file("min.js", [hunk(0, 1, [`+${"x".repeat(MAX_SHOWN_LINE_CHARS * 50)}`])]);
    const out = render({ files: [huge] });
    expect(out.length).toBeLessThan(MAX_SHOWN_LINE_CHARS * 2);
    expect(out).toContain(
      `${(MAX_SHOWN_LINE_CHARS * 49).toLocaleString("en")} more characters not shown`,
    );
  });
});
