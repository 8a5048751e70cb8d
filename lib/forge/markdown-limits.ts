import {
  closesFence,
  containerPrefix,
  delimiterRowColumns,
  type Fence,
  fenceOpening,
  isPlainDefinition,
  isPunctuationOrBreak,
  mayDefine,
  htmlBlockEnd,
  isUnderline,
  onlyQuoteMarkers,
  type Prefix,
  safeCut,
  startsParagraph,
} from "./markdown-lines";

/**
 * micromark, which remark uses, is quadratic on some shapes of text, so a stranger's markdown
 * could hold the server for minutes (measured in markdown.fuzz.test.ts):
 *
 * - emphasis and links: each `*`, `_` or `~` run that may close walks back over every event
 *   of its paragraph (`resolveAllAttention`), and a match splices the event list: 64 KB of
 *   `*a` took 15 s; each `]` walks back to its `[` past the ones already used (`[a]` repeated);
 * - blocks: each line that ends a list or block quote (a new item after one with a list nested
 *   in it, a paragraph after a quote) rebuilds the whole document's event list
 *   (`EditMap.consume` in `initialize/document.js`): 4,000 lines of `- - x` took over a
 *   minute, and 8,000 lines of `> a`, blank, `b` half a minute; a heading underline (`===`)
 *   does the same in `setext-underline.js`: 16 KB of `a`, `=` took 19 s of CPU;
 * - tables: every row gets as many cells as the delimiter row has columns, so a wide
 *   delimiter row and many one-character rows multiply; and every line with a `|` is tried
 *   as a table row, ten times the cost of prose;
 * - and everything grows with size and nesting depth.
 *
 * So before parsing, one linear pass measures the text against these limits and keeps only
 * the part before the first place that would go past one; the page says the rest is not shown.
 * Each measure over-counts rather than under-counts what micromark does (it errs towards
 * cutting a rare long legitimate text, never towards letting a costly one through).
 */
export const MARKDOWN_LIMITS = {
  /**
   * UTF-8 bytes, above any text Pubforge itself lets people write (wiki: 200,000 characters),
   * each line counting `lineBytes` more and each list item, quote marker and heading
   * `blockBytes` more: per byte, a list of one-letter items costs eight times what prose does.
   */
  bytes: 256 * 1024,
  lineBytes: 8,
  blockBytes: 32,
  /** Block quotes and list items one line may open (its markers, and its indentation / 2). */
  depth: 32,
  /** Σ, over emphasis runs, `]` and punctuation, of the runs × events already in the paragraph. */
  emphasisWork: 1_000_000,
  /**
   * Σ, over lines that may end containers or underline a heading, of the lines and markers
   * before them (a heading's underline counts twice: its cost grows faster than the square).
   */
  blockWork: 1_000_000,
  /** Lines that start with `[`, which micromark tries as link reference definitions, slowly. */
  references: 1_000,
  /** Table cells, counting the empty ones added to short rows, plus every `|` (each is tried as one). */
  tableCells: 10_000,
} as const;

export type MarkdownLimits = { readonly [K in keyof typeof MARKDOWN_LIMITS]: number };

/** Which limit a text reached: it is shown up to there. */
export type MarkdownOmission = "size" | "depth" | "emphasis" | "blocks" | "references" | "table";

export interface LimitedMarkdown {
  /** The part of the text that is within the limits (all of it, usually). */
  readonly text: string;
  /** Set when `text` is a prefix: the limit the rest would have gone past. */
  readonly omitted?: MarkdownOmission;
}

/** What a page says in place of the part of a text it does not show. */
export const OMISSION_NOTES: { readonly [O in MarkdownOmission]: string } = {
  size: `The rest of this text is not shown: it is longer than ${MARKDOWN_LIMITS.bytes / 1024} KB (each line counting as ${MARKDOWN_LIMITS.lineBytes} bytes more, and each list item, quote and heading as ${MARKDOWN_LIMITS.blockBytes}).`,
  depth: `The rest of this text is not shown: it nests quotes or lists more than ${MARKDOWN_LIMITS.depth} levels deep.`,
  emphasis:
    "The rest of this text is not shown: a paragraph has more emphasis marks (*, _, ~) than can be rendered quickly.",
  blocks:
    "The rest of this text is not shown: it ends more lists, quotes and underlined headings than can be rendered quickly.",
  references: `The rest of this text is not shown: it has more than ${MARKDOWN_LIMITS.references.toLocaleString("en")} lines starting with a link reference.`,
  table: `The rest of this text is not shown: it has more than ${MARKDOWN_LIMITS.tableCells.toLocaleString("en")} table cells.`,
};

const EMPHASIS = new Set(["*", "_", "~"]);

/** The part of `markdown` that can be parsed quickly, and which limit cut it, if one did. */
export function withinMarkdownLimits(
  markdown: string,
  limits: MarkdownLimits = MARKDOWN_LIMITS,
): LimitedMarkdown {
  const scan = new LimitScan(markdown, limits);
  let start = 0;
  while (start < markdown.length) {
    let end = start;
    while (end < markdown.length && markdown[end] !== "\n" && markdown[end] !== "\r") end++;
    const cut = scan.line(start, end);
    if (cut) return { text: markdown.slice(0, cut.at), omitted: cut.omitted };
    start = markdown.startsWith("\r\n", end) ? end + 2 : end + 1;
  }
  return { text: markdown };
}

interface Cut {
  at: number;
  omitted: MarkdownOmission;
}

class LimitScan {
  private bytes = 0;
  private emphasisWork = 0;
  /** Emphasis runs and events of the current paragraph, as far as a line scan can tell. */
  private runs = 0;
  private events = 0;
  private blockWork = 0;
  /** Lines and container markers so far: the document-level events micromark rebuilds. */
  private documentEvents = 0;
  /** How deep the last non-blank line may have left open containers. */
  private openDepth = 0;
  private previousBlank = true;
  private previousDefinition = false;
  private references = 0;
  private tableColumns = 0;
  private tableCells = 0;
  /** The fenced code block the scan is surely in (its lines are plain text to micromark). */
  private fence: Fence | undefined;
  /** What ends the HTML block that may be open: inside one, a fence line is not a fence. */
  private htmlEnd: string | undefined;

  constructor(
    private readonly text: string,
    private readonly limits: MarkdownLimits,
  ) {}

  line(start: number, end: number): Cut | undefined {
    if (this.fence) return this.fenceLine(start, end);
    const prefix = containerPrefix(this.text, start, end);
    const blank = onlyQuoteMarkers(this.text, start, end);
    if (prefix.markers > 0 && prefix.depth > this.limits.depth) {
      return { at: start, omitted: "depth" };
    }
    const cut = blank ? undefined : this.blocks(start, end, prefix);
    if (cut) return cut;
    this.documentEvents += 1 + prefix.markers;
    const heading = this.text[prefix.contentAt] === "#" ? 1 : 0;
    this.bytes += this.limits.lineBytes + this.limits.blockBytes * (prefix.markers + heading);
    if (this.bytes > this.limits.bytes) return { at: start, omitted: "size" };
    if (mayDefine(this.text, start, end) && ++this.references > this.limits.references) {
      return { at: start, omitted: "references" };
    }
    if (this.htmlEnd !== undefined) {
      if (this.text.slice(start, end).toLowerCase().includes(this.htmlEnd))
        this.htmlEnd = undefined;
    } else {
      this.htmlEnd = htmlBlockEnd(this.text, start, end);
    }
    // After a blank line, a fence at the margin is outside every container, so it surely is
    // one, unless an HTML block that blank lines do not end is open.
    if (this.previousBlank && this.htmlEnd === undefined) {
      this.fence = fenceOpening(this.text, start, end);
    }
    // Definitions can follow one another, or a blank line; only there is one surely a definition.
    const definition =
      (this.previousBlank || this.previousDefinition) && isPlainDefinition(this.text, start, end);
    this.previousDefinition = definition;
    this.previousBlank = blank;

    if (blank || definition || this.fence || startsParagraph(prefix)) {
      this.runs = 0;
      this.events = 0;
    }
    if (blank || this.fence) {
      this.tableColumns = 0;
    } else {
      const columns = delimiterRowColumns(this.text, start, end);
      if (columns > 0) {
        this.tableColumns = columns;
        this.tableCells += columns; // its header row
      }
      this.tableCells += this.tableColumns;
      if (this.tableCells > this.limits.tableCells) return { at: start, omitted: "table" };
    }
    return this.characters(start, end, !this.fence);
  }

  /** Inside a fenced code block only the size counts, until the line that closes it. */
  private fenceLine(start: number, end: number): Cut | undefined {
    if (closesFence(this.text, start, end, this.fence!)) this.fence = undefined;
    this.documentEvents++;
    this.bytes += this.limits.lineBytes;
    this.previousBlank = false;
    return this.characters(start, end, false);
  }

  /**
   * Charges a line after which micromark rebuilds the events so far: one shallower than the
   * containers open, a list item after one nested in a container of its own (a line of text
   * right after another may be a lazy continuation, which keeps them open), or a heading's
   * underline after a line of text.
   */
  private blocks(start: number, end: number, prefix: Prefix): Cut | undefined {
    const closes =
      prefix.depth < this.openDepth ||
      (prefix.list !== undefined && this.openDepth >= 2 && prefix.depth <= this.openDepth);
    // Rebuilt once per line, and more for each container that ends with it.
    if (closes) this.blockWork += this.documentEvents * Math.max(1, this.openDepth - 3);
    if (!this.previousBlank && isUnderline(this.text, start, end)) {
      this.blockWork += this.documentEvents * 2;
    }
    if (this.blockWork > this.limits.blockWork) return { at: start, omitted: "blocks" };
    this.openDepth =
      prefix.markers > 0 || this.previousBlank
        ? prefix.depth
        : Math.max(prefix.depth, this.openDepth);
    return undefined;
  }

  /** Size and emphasis, character by character: a long line may be cut inside. */
  private characters(start: number, end: number, inline: boolean): Cut | undefined {
    for (let at = start; at <= end; at++) {
      // `end` stands for the line ending, which is an event of the paragraph as well.
      const code = at < end ? this.text.charCodeAt(at) : 10;
      const char = at < end ? this.text[at]! : "\n";
      this.bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code < 0xe000) ? 2 : 3;
      if (this.bytes > this.limits.bytes) return { at: safeCut(this.text, at), omitted: "size" };
      if (!inline) continue;
      if (char === "|" && ++this.tableCells > this.limits.tableCells) {
        return { at: start, omitted: "table" };
      }
      if (char === "]" || EMPHASIS.has(char)) {
        // A run of `*` is one delimiter; each `]` looks back for its `[` on its own.
        if (char !== "]" && at > start && this.text[at - 1] === char) continue;
        this.emphasisWork += this.events;
        this.runs++;
        this.events++;
      } else if (isPunctuationOrBreak(code)) {
        this.emphasisWork += this.runs;
        this.events++;
      } else continue;
      if (this.emphasisWork > this.limits.emphasisWork) {
        return { at: safeCut(this.text, at), omitted: "emphasis" };
      }
    }
    return undefined;
  }
}
