import xml, { type Element } from "@xmpp/xml";
import type { Element as HastElement, Root, RootContent } from "hast";
import rehypeParse from "rehype-parse";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { linkItemReferences } from "./items/references";
import { type MarkdownOmission, OMISSION_NOTES, withinMarkdownLimits } from "./markdown-limits";
import { xmlSafeText } from "@/lib/xmpp/xml";

export const NS_XHTML = "http://www.w3.org/1999/xhtml";

/**
 * GitHub's allow-list (hast-util-sanitize's default) plus dropping, with everything inside
 * them, elements whose text is code or markup rather than prose: the default would keep the
 * text of an unknown element, which for these is at best noise.
 */
const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    // A fence's info string becomes a class: only a language's name, never markup (GitHub's
    // list allows `language-` followed by anything, `<script>` included, harmless in a quoted
    // attribute but nothing a page should carry).
    code: [["className", /^language-[\w+#.-]{1,40}$/]],
  },
  strip: [
    ...(defaultSchema.strip ?? []),
    "style",
    "svg",
    "math",
    "iframe",
    "object",
    "embed",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "xmp",
    "textarea",
    "title",
  ],
};

/**
 * The allow-list for HTML rendered from markdown (also the wiki's): remark-rehype already
 * prefixes every id markdown can produce (footnotes; raw HTML is dropped) and the hrefs pointing
 * at them; prefixing ids again would break those links.
 */
export const MARKDOWN_SANITIZE_SCHEMA: SanitizeSchema = { ...SCHEMA, clobber: [] };

/** The `rel` of every link in text anyone can write. */
export const LINK_REL: readonly string[] = ["nofollow", "noopener", "noreferrer"];

// Links in text anyone can write must not pass on ranking or the opener to their target.
function rehypeLinkRel() {
  return (tree: Root) => {
    const visit = (node: Root | RootContent) => {
      if (node.type === "element" && node.tagName === "a" && node.properties.href !== undefined) {
        node.properties.rel = [...LINK_REL];
      }
      if ("children" in node) node.children.forEach(visit);
    };
    visit(tree);
  };
}

const markdownToSafeTree = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Raw HTML in markdown is dropped, not passed through (there is no rehype-raw).
  .use(remarkRehype)
  .use(rehypeSanitize, MARKDOWN_SANITIZE_SCHEMA)
  .use(rehypeLinkRel)
  .freeze();

const htmlToSafeTree = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeSanitize, SCHEMA)
  .use(rehypeLinkRel)
  .freeze();

const treeToHtml = unified().use(rehypeStringify).freeze();

/** The tree of as much of `markdown` as can be parsed quickly (markdown-limits.ts). */
function safeTreeOfMarkdown(markdown: string): { tree: Root; omitted?: MarkdownOmission } {
  const { text, omitted } = withinMarkdownLimits(markdown);
  return { tree: markdownToSafeTree.runSync(markdownToSafeTree.parse(text)), omitted };
}

/** What a page shows after a text cut at a limit: which one, in words. */
export function omissionHtml(omitted: MarkdownOmission | undefined): string {
  return omitted
    ? `<p class="markdown-omitted"><em>${escapeHtml(OMISSION_NOTES[omitted])}</em></p>`
    : "";
}

/** Where `#12` and `!7` link: the project's path (items/references.ts); without it, nowhere. */
export interface RenderOptions {
  readonly projectPath?: string;
  /**
   * Where a link's `href` or an image's `src` really points, for text whose relative links
   * mean something else than the page's address (a README's name files beside it). Applied
   * after sanitising, to what the allow-list kept.
   */
  readonly rewriteUrl?: (url: string, kind: "link" | "image") => string;
}

function withReferences(tree: Root, options: RenderOptions): Root {
  const linked = options.projectPath ? linkItemReferences(tree, options.projectPath) : tree;
  if (options.rewriteUrl) rewriteUrls(linked, options.rewriteUrl);
  return linked;
}

function rewriteUrls(tree: Root, rewrite: NonNullable<RenderOptions["rewriteUrl"]>): void {
  const visit = (node: Root | RootContent) => {
    if (node.type === "element") {
      const { href, src } = node.properties;
      if (node.tagName === "a" && typeof href === "string") {
        node.properties.href = rewrite(href, "link");
      }
      if (node.tagName === "img" && typeof src === "string") {
        node.properties.src = rewrite(src, "image");
      }
    }
    if ("children" in node) node.children.forEach(visit);
  };
  visit(tree);
}

/** HTML safe to put in a page, from markdown anyone may have written. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return unlessTooDeep(() => {
    const { tree, omitted } = safeTreeOfMarkdown(markdown);
    return treeToHtml.stringify(withReferences(tree, options)) + omissionHtml(omitted);
  });
}

/** What a page shows instead of markup nested deeper than the renderers can walk. */
export const TOO_DEEP_HTML = "<p>(This text is nested too deeply to show.)</p>";

/**
 * The tree libraries (hast-util-from-parse5 and others) recurse, so a stranger's markup nested
 * a few thousand levels deep overflows the stack; such a text is shown as a note, not a crash.
 */
export function unlessTooDeep(render: () => string): string {
  try {
    return render();
  } catch (error) {
    if (error instanceof RangeError && /call stack/.test(error.message)) return TOO_DEEP_HTML;
    throw error;
  }
}

/**
 * HTML safe to put in a page, from XHTML off the wire (Libervia's `<div xmlns="…xhtml">`
 * bodies). An element is read as the XML it is; a string goes through an HTML parser, the
 * same way a browser would read it.
 */
export function sanitizeXhtml(xhtml: string | Element, options: RenderOptions = {}): string {
  return unlessTooDeep(() => {
    const html = typeof xhtml === "string" ? xhtml : xhtmlToHtml(xhtml);
    const tree = htmlToSafeTree.runSync(htmlToSafeTree.parse(html));
    return treeToHtml.stringify(withReferences(tree, options));
  });
}

const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);

// Re-serialised for the HTML parser so attribute names are mapped exactly as a browser would;
// elements outside the XHTML namespace (SVG, MathML, anything else) are not HTML and go.
function xhtmlToHtml(node: Element | string): string {
  if (typeof node === "string") return escapeHtml(node);
  if (node.getNS() !== NS_XHTML) return "";
  const name = node.getName();
  const attrs = Object.entries(node.attrs)
    .filter(
      ([key, value]) => typeof value === "string" && key !== "xmlns" && !key.startsWith("xmlns:"),
    )
    .map(([key, value]) => ` ${key}="${escapeHtml(String(value))}"`)
    .join("");
  if (VOID_ELEMENTS.has(name)) return `<${name}${attrs}>`;
  return `<${name}${attrs}>${node.children.map(xhtmlToHtml).join("")}</${name}>`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * Markdown rendered and sanitised as the well-formed XHTML Libervia expects in a ticket's
 * `body` field: `<div xmlns="http://www.w3.org/1999/xhtml">…</div>`.
 */
export function markdownToXhtmlElement(markdown: string): Element {
  const { tree, omitted } = safeTreeOfMarkdown(markdown);
  const note = omitted ? [xml("p", {}, xml("em", {}, OMISSION_NOTES[omitted]))] : [];
  return xml("div", { xmlns: NS_XHTML }, ...tree.children.flatMap(hastToXml), ...note);
}

function hastToXml(node: RootContent): (Element | string)[] {
  if (node.type === "text") return [xmlSafeText(node.value)];
  if (node.type !== "element") return [];
  const element = xml(node.tagName, xmlAttributes(node), ...node.children.flatMap(hastToXml));
  // An empty text child makes ltx write <td></td> rather than <td/>, which an HTML parser
  // reading Libervia's output would take as an unclosed start tag.
  if (element.children.length === 0 && !VOID_ELEMENTS.has(node.tagName)) element.cnode("");
  return [element];
}

function xmlAttributes(node: HastElement): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [property, value] of Object.entries(node.properties)) {
    if (value === undefined || value === null || value === false) continue;
    const name = attributeName(property);
    attrs[name] = xmlSafeText(
      value === true ? name : Array.isArray(value) ? value.join(" ") : String(value),
    );
  }
  return attrs;
}

// hast names attributes by DOM property; after sanitising only GitHub's allow-list is left,
// for which these rules give the HTML attribute name.
function attributeName(property: string): string {
  const special: Record<string, string> = {
    className: "class",
    htmlFor: "for",
    acceptCharset: "accept-charset",
    httpEquiv: "http-equiv",
  };
  if (special[property]) return special[property];
  if (/^data[A-Z]/.test(property))
    return `data${property.slice(4).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (/^aria[A-Z]/.test(property)) return `aria-${property.slice(4).toLowerCase()}`;
  return property.toLowerCase();
}
