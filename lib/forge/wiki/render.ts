import type { Element as HastElement, Root as HastRoot, RootContent as HastContent } from "hast";
import type { Link, Parent, PhrasingContent, Root as MdastRoot, RootContent, Text } from "mdast";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import {
  LINK_REL,
  MARKDOWN_SANITIZE_SCHEMA,
  omissionHtml,
  unlessTooDeep,
} from "@/lib/forge/markdown";
import { withinMarkdownLimits } from "@/lib/forge/markdown-limits";
import { findWikiLinks, WikiSlugSchema } from "./links";

/**
 * Wiki markdown to HTML safe to put in a page. The allow-list of lib/forge/markdown.ts
 * (GitHub's, code-like elements dropped whole, no raw HTML), plus two wiki steps that cannot
 * inject anything: `[[Page name]]` becomes a markdown link node whose label is a text node
 * (escaped on output, never parsed as markup) and whose URL is built from the slug; and after
 * sanitising, links into the wiki get fixed class names telling existing pages from missing.
 */
export interface WikiRenderContext {
  /** `/p/<service>/<slug>/wiki`. */
  wikiBase: string;
  /** Whether a page with this slug exists (decides the "new page" style). */
  exists(slug: string): boolean;
}

/** Replaces `[[…]]` in text nodes (never in code, never inside an existing link). */
function remarkWikiLinks(context: WikiRenderContext) {
  const visit = (node: MdastRoot | RootContent) => {
    if (!("children" in node) || node.type === "link" || node.type === "linkReference") return;
    const parent = node as Parent;
    const children: RootContent[] = [];
    for (const child of parent.children) {
      if (child.type === "text") children.push(...expandText(child, context));
      else {
        visit(child);
        children.push(child);
      }
    }
    parent.children = children as Parent["children"];
  };
  return (tree: MdastRoot) => visit(tree);
}

function expandText(node: Text, context: WikiRenderContext): PhrasingContent[] {
  const links = findWikiLinks(node.value);
  if (links.length === 0) return [node];
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const link of links) {
    if (link.index > at) out.push({ type: "text", value: node.value.slice(at, link.index) });
    const query = context.exists(link.slug) ? "" : `?title=${encodeURIComponent(link.name)}`;
    const element: Link = {
      type: "link",
      url: `${context.wikiBase}/${encodeURIComponent(link.slug)}${query}`,
      children: [{ type: "text", value: link.label }],
    };
    out.push(element);
    at = link.index + link.length;
  }
  if (at < node.value.length) out.push({ type: "text", value: node.value.slice(at) });
  return out;
}

/**
 * Runs after sanitising, so it only ever adds constant class names and `rel`. Relative links
 * (`[Install](install)`) are resolved against the wiki, so they work wherever the page is
 * shown (the home page is also shown at `/wiki` itself).
 */
function rehypeWikiLinks(context: WikiRenderContext) {
  const prefix = `${context.wikiBase}/`;
  const visit = (node: HastRoot | HastContent) => {
    if (node.type === "element" && node.tagName === "a" && node.properties.href !== undefined) {
      markLink(node, prefix, context);
    }
    if ("children" in node) node.children.forEach(visit);
  };
  return (tree: HastRoot) => visit(tree);
}

function markLink(node: HastElement, prefix: string, context: WikiRenderContext) {
  node.properties.rel = [...LINK_REL];
  let href = String(node.properties.href);
  if (href !== "" && !/^([a-z][a-z0-9+.-]*:|[/?#\\])/i.test(href)) {
    const resolved = new URL(href, `http://wiki.invalid${prefix}`);
    href = resolved.pathname + resolved.search + resolved.hash;
    node.properties.href = href;
  }
  if (!href.startsWith(prefix)) return;
  const [segment = "", ...rest] = href.slice(prefix.length).split(/[?#]/)[0]!.split("/");
  let slug: string;
  try {
    slug = decodeURIComponent(segment);
  } catch {
    return;
  }
  if (rest.length > 0 || !WikiSlugSchema.safeParse(slug).success) return;
  node.properties.className = context.exists(slug) ? ["wiki-link"] : ["wiki-link", "wiki-missing"];
  if (!context.exists(slug)) node.properties.title = "This page does not exist yet";
}

/** HTML safe to put in a page, from wiki markdown anyone may have written. */
export function renderWiki(markdown: string, context: WikiRenderContext): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkWikiLinks, context)
    // Raw HTML in markdown is dropped, not passed through (there is no rehype-raw).
    .use(remarkRehype)
    .use(rehypeSanitize, MARKDOWN_SANITIZE_SCHEMA)
    .use(rehypeWikiLinks, context)
    .use(rehypeStringify);
  const { text, omitted } = withinMarkdownLimits(markdown);
  return unlessTooDeep(() => String(processor.processSync(text)) + omissionHtml(omitted));
}
