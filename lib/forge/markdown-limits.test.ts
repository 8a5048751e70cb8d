import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import { markdownToXhtmlElement, renderMarkdown } from "./markdown";
import { MARKDOWN_LIMITS, OMISSION_NOTES, withinMarkdownLimits } from "./markdown-limits";
import { renderWiki } from "./wiki/render";

const repeat = (unit: string, times: number) => unit.repeat(times);

describe("withinMarkdownLimits", () => {
  it("keeps ordinary texts whole, long ones too", () => {
    for (const text of [
      "",
      "Hello *world*",
      readFileSync("docs/architecture.md", "utf8"),
      readFileSync("docs/security.md", "utf8"),
      repeat("- an item with **bold** and `code` and [a link](https://example.org)\n", 2_000),
      repeat("> a long quoted mail, line after line\n", 3_000),
      repeat("| a | b | c |\n", 2) + "|---|---|---|\n" + repeat("| 1 | 2 | 3 |\n", 1_000),
      // Changelogs end with a block of link definitions.
      "Text\n\n" + Array.from({ length: 900 }, (_, i) => `[#${i}]: https://e.org/${i}`).join("\n"),
      // Code is plain text to the parser, however it is indented or starred.
      "```c\n" + repeat("    int **p = *q; - - x\n  }\n", 3_000) + "```\n",
    ]) {
      expect(withinMarkdownLimits(text)).toEqual({ text });
    }
  });

  it("cuts at the size limit, counting UTF-8 bytes and never inside a character", () => {
    const { bytes, lineBytes } = MARKDOWN_LIMITS;
    const limited = withinMarkdownLimits(repeat("é", bytes));
    expect(limited.omitted).toBe("size");
    expect(limited.text.length).toBe((bytes - lineBytes) / 2);
    const emoji = withinMarkdownLimits(`a${repeat("😀", bytes / 4)}`);
    expect(emoji.omitted).toBe("size");
    expect(emoji.text.length % 2).toBe(1); // "a" and whole surrogate pairs
    // Lines, list items and headings count for more than their bytes.
    expect(withinMarkdownLimits(repeat("- a\n", bytes / 4)).omitted).toBe("size");
    expect(withinMarkdownLimits(repeat("# a\n", bytes / 8)).omitted).toBe("size");
  });

  it("cuts before a line nested too deep", () => {
    const deep = `ok\n${repeat("> ", MARKDOWN_LIMITS.depth)}fine\n${repeat("- ", MARKDOWN_LIMITS.depth + 1)}x\n`;
    const limited = withinMarkdownLimits(deep);
    expect(limited.omitted).toBe("depth");
    expect(limited.text).toBe(`ok\n${repeat("> ", MARKDOWN_LIMITS.depth)}fine\n`);
    // Indentation after a marker nests as well.
    const indented = withinMarkdownLimits(`>${repeat(" ", 80)}- x\n`);
    expect(indented.omitted).toBe("depth");
  });

  it("cuts a paragraph of too many emphasis marks or brackets, inside the line", () => {
    for (const unit of ["a*", "*a", "_a ", "~~a", "[a]", "[a](", "[^a]"]) {
      const limited = withinMarkdownLimits(repeat(unit, 100_000));
      expect(limited.omitted, unit).toBe("emphasis");
      expect(limited.text.length, unit).toBeGreaterThan(1_000);
    }
    // Blank lines end paragraphs: the same marks spread over many are fine.
    const spread = repeat("Some *emphasis* and **strong** text, [a link](x).\n\n", 3_000);
    expect(withinMarkdownLimits(spread).omitted).toBeUndefined();
  });

  it("does not take a line for the start of a paragraph when micromark would not", () => {
    // `2.` cannot interrupt a paragraph, nor can an empty item, nor an indented one: all three
    // continue one paragraph, whose marks add up.
    for (const next of ["2. ", "-\n", "    - "]) {
      const limited = withinMarkdownLimits(repeat(`a*a*a*a*a*a*a*a*a*a*\n${next}`, 20_000));
      expect(limited.omitted, JSON.stringify(next)).toBe("emphasis");
    }
  });

  it("cuts where too many lists and quotes end", () => {
    for (const unit of ["- - x\n", "- a\n  - b\n", "> a\n\nb\n", "> a\n# h\n", "- > x\n"]) {
      expect(withinMarkdownLimits(repeat(unit, 50_000)).omitted, unit).toBe("blocks");
    }
    // A fence after an HTML comment holding a blank line is not a fence: not trusted.
    const hidden = "<!--\n\n```\n-->\n" + repeat("- - x\n", 50_000);
    expect(withinMarkdownLimits(hidden).omitted).toBe("blocks");
    // Nor is a fence inside a list item, which ends with the item.
    const inItem = "- a\n\n  ```\n" + repeat("- - x\n", 50_000);
    expect(withinMarkdownLimits(inItem).omitted).toBe("blocks");
  });

  it("cuts many lines starting with a link reference, and very large tables", () => {
    expect(withinMarkdownLimits(repeat("[a]: b\n", 10_000)).omitted).toBe("references");
    const wide = `|${repeat("a|", 1_000)}\n|${repeat("-|", 1_000)}\n${repeat("b\n", 100)}`;
    const limited = withinMarkdownLimits(wide);
    expect(limited.omitted).toBe("table");
    expect(limited.text.split("\n").length).toBeLessThan(MARKDOWN_LIMITS.tableCells / 1_000 + 2);
  });
});

describe("rendering a text past a limit", () => {
  const text = `Intro\n\n${repeat("a*", 100_000)}`;
  const note = OMISSION_NOTES.emphasis;

  it("shows what is within the limits, then says the rest is not shown", () => {
    const html = renderMarkdown(text);
    expect(html.startsWith("<p>Intro</p>")).toBe(true);
    expect(html).toContain(`<p class="markdown-omitted"><em>${note}</em></p>`);
    expect(renderWiki(text, { wikiBase: "/w", exists: () => true })).toContain(note);
  });

  it("publishes the note in the XHTML body as well", () => {
    const element = parseXml(markdownToXhtmlElement(text).toString());
    expect(element.getChildren("p").at(-1)?.getChild("em")?.text()).toBe(note);
  });
});
