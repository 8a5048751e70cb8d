import { z } from "zod";

/** The page `/p/<service>/<slug>/wiki` shows. */
export const HOME_SLUG = "home";
export const HOME_TITLE = "Home";

const MAX_SLUG = 100;

/**
 * A page slug is its pubsub item id and a URL path segment. Letters of any script are kept
 * (a wiki in Greek or Japanese gets readable addresses); `/` never is, since history items are
 * `<page>/<revision>`.
 */
export const WikiSlugSchema = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}\p{M}-]*$/u, "Not a wiki page name")
  .refine((slug) => [...slug].length <= MAX_SLUG, "Page names are at most 100 characters");

/** The slug a page title or a `[[Page name]]` link maps to; "" when nothing usable is left. */
export function pageSlug(name: string): string {
  const slug = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, "-")
    .replace(/^[-\p{M}]+/u, "")
    .replace(/-+$/, "");
  return [...slug].slice(0, MAX_SLUG).join("").replace(/-+$/, "");
}

export interface WikiLinkMatch {
  /** Index in the text and length of the whole `[[…]]`. */
  index: number;
  length: number;
  /** The page it names, as written. */
  name: string;
  /** What to show: the part after `|`, or the name. */
  label: string;
  slug: string;
}

const WIKI_LINK = /\[\[([^[\]\n|]+)(?:\|([^[\]\n]+))?\]\]/g;

/** The `[[Page name]]` and `[[Page name|label]]` links in a run of plain text. */
export function findWikiLinks(text: string): WikiLinkMatch[] {
  const found: WikiLinkMatch[] = [];
  for (const match of text.matchAll(WIKI_LINK)) {
    const name = (match[1] ?? "").trim();
    const slug = pageSlug(name);
    if (!slug) continue;
    found.push({
      index: match.index,
      length: match[0].length,
      name,
      label: (match[2] ?? "").trim() || name,
      slug,
    });
  }
  return found;
}
