import type { Element, ElementContent, Root, RootContent } from "hast";
import { projectId, ServiceSchema, SlugSchema } from "@/lib/forge/nodes";
import { mergeRequestPath, projectPath, ticketPath } from "@/lib/forge/routes";

/**
 * `#12` and `!7` in rendered text become links to the project's ticket 12 and merge request 7
 * (the short numbers of number.ts); `service/slug#12` and `service/slug!7` to another
 * project's. This runs on the already sanitised tree and adds only links it builds itself, so
 * it cannot let anything through that sanitising removed.
 */

// Not inside a word, a URL path or query (`/#12`, `?a=!7`), an entity, or `C#1`-like names;
// optionally after `service/slug` (the service's labels joined by dots, so that no run of
// characters can be split two ways: one pass, and a start only where a word starts).
const REFERENCE =
  /(?<![\p{L}\p{N}_&/#!.?=:%@-])(?:([a-z0-9-]+(?:\.[a-z0-9-]+)*)\/([a-z0-9][a-z0-9-]*))?([#!])([1-9][0-9]{0,8})(?![\p{L}\p{N}_])/giu;

/** A ticket (`#12`) or merge request (`!7`) that a text names, here or in another project. */
export interface ItemMention {
  readonly kind: "ticket" | "merge-request";
  readonly number: number;
  /** The other project's id (`<service>/<slug>`); null for the text's own project. */
  readonly project: string | null;
}

/**
 * What one match names, or null when its project part is no project address (the service and
 * slug are checked as project forms check them, and kept lower-case as projects are).
 */
function mentionOf(match: RegExpMatchArray): ItemMention | null {
  const [, service, slug, sigil, number] = match;
  const kind = sigil === "#" ? "ticket" : "merge-request";
  if (service === undefined || slug === undefined) {
    return { kind, number: Number(number), project: null };
  }
  const home = ServiceSchema.safeParse(service);
  const name = SlugSchema.safeParse(slug);
  if (!home.success || !name.success) return null;
  return { kind, number: Number(number), project: projectId(home.data, name.data) };
}

// Text that is code, or already a link, is left as written.
const LEAVE_ALONE = new Set(["a", "code", "pre", "kbd", "samp"]);

export function linkItemReferences(tree: Root, project: string): Root {
  const visit = (node: Root | Element) => {
    node.children = node.children.flatMap((child): RootContent[] => {
      if (child.type === "text") return splitReferences(child.value, project);
      if (child.type === "element" && !LEAVE_ALONE.has(child.tagName)) visit(child);
      return [child];
    }) as ElementContent[];
  };
  visit(tree);
  return tree;
}

function splitReferences(text: string, project: string): ElementContent[] {
  const out: ElementContent[] = [];
  let last = 0;
  for (const match of text.matchAll(REFERENCE)) {
    const mention = mentionOf(match);
    if (!mention) continue;
    const [whole] = match;
    if (match.index > last) out.push({ type: "text", value: text.slice(last, match.index) });
    const path = mention.kind === "ticket" ? ticketPath : mergeRequestPath;
    const base = mention.project === null ? project : projectPath(mention.project);
    out.push({
      type: "element",
      tagName: "a",
      properties: { href: path(base, mention.number), className: ["item-ref"] },
      children: [{ type: "text", value: whole }],
    });
    last = match.index + whole.length;
  }
  if (last === 0) return [{ type: "text", value: text }];
  if (last < text.length) out.push({ type: "text", value: text.slice(last) });
  return out;
}

// A line opening or closing a fenced code block (up to three spaces, then ``` or ~~~).
const FENCE = /^ {0,3}(?:```|~~~)/;

/**
 * The items a markdown (or plain) text names, as the rendered text links them, each once:
 * what backlinks are made of. Code is skipped as written (fenced blocks, and what sits between
 * backticks on a line), in one pass over the text.
 */
export function mentionedItems(text: string): ItemMention[] {
  const found = new Map<string, ItemMention>();
  let fenced = false;
  for (const line of text.split("\n")) {
    if (FENCE.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) continue;
    const prose = line.split("`").filter((_, i) => i % 2 === 0);
    for (const part of prose) {
      for (const match of part.matchAll(REFERENCE)) {
        const mention = mentionOf(match);
        if (mention) found.set(`${mention.project} ${mention.kind} ${mention.number}`, mention);
      }
    }
  }
  return [...found.values()];
}
