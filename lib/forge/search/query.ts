import { z } from "zod";
import { BareJidSchema } from "@/lib/xmpp/jid";

/** Longer queries are cut here: nobody types more, and each word is one more LIKE. */
export const MAX_SEARCH_QUERY = 200;
/** At most this many terms of each kind are used; the rest are reported and ignored. */
const MAX_TERMS = 8;

export const SEARCH_KINDS = ["ticket", "mr", "wiki"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** What a cross-project search asks for; every list is ANDed with the others. */
export interface SearchQuery {
  state?: "open" | "closed";
  /** Only these kinds of item; all three when empty. */
  kinds: SearchKind[];
  /** Every label must be on the item. */
  labels: string[];
  /** Any of these (bare JIDs) filed it. */
  authors: string[];
  /** Any of these (bare JIDs) is assigned. */
  assignees: string[];
  /** Any of these project ids (`service/slug`). */
  projects: string[];
  /** Lower-cased words that must all appear. */
  words: string[];
}

export interface ParsedSearch {
  query: SearchQuery;
  /** Terms that were not understood, each with why, for the page to say. */
  ignored: string[];
}

const LabelSchema = z.string().trim().min(1).max(60);
const ProjectIdSchema = z
  .string()
  .max(300)
  .regex(/^[a-z0-9][a-z0-9.-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/, "a project is written service/slug");
const StateSchema = z.enum(["open", "closed"]);
const KindSchema = z.enum(SEARCH_KINDS);

/**
 * Splits a query into terms: runs of non-space characters, where a double-quoted part may hold
 * spaces (`label:"needs review"`). One pass over the text, so hostile input costs linear time.
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of text.slice(0, MAX_SEARCH_QUERY)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && /\s/.test(char)) {
      if (current) terms.push(current);
      current = "";
    } else current += char;
  }
  if (current) terms.push(current);
  return terms;
}

/** Reads `is:open label:bug author:bob@b.test project:pubsub.a.test/demo some words`. */
export function parseSearchQuery(text: string): ParsedSearch {
  const query: SearchQuery = {
    kinds: [],
    labels: [],
    authors: [],
    assignees: [],
    projects: [],
    words: [],
  };
  const ignored: string[] = [];
  const add = <T>(list: T[], value: T, term: string) => {
    if (list.length >= MAX_TERMS) ignored.push(`${term} (too many terms of this kind)`);
    else if (!list.includes(value)) list.push(value);
  };
  for (const term of searchTerms(text)) {
    const colon = term.indexOf(":");
    const key = colon > 0 ? term.slice(0, colon).toLowerCase() : "";
    const value = colon > 0 ? term.slice(colon + 1) : "";
    const check = <T>(schema: z.ZodType<T>): T | undefined => {
      const parsed = schema.safeParse(value);
      if (!parsed.success)
        ignored.push(`${term} (${parsed.error.issues[0]?.message ?? "invalid"})`);
      return parsed.success ? parsed.data : undefined;
    };
    if (key === "is") {
      const lower = value.toLowerCase();
      const state = StateSchema.safeParse(lower);
      const kind = KindSchema.safeParse(lower);
      if (state.success) query.state = state.data;
      else if (kind.success) add(query.kinds, kind.data, term);
      else ignored.push(`${term} (is: takes open, closed, ticket, mr or wiki)`);
    } else if (key === "label") {
      const label = check(LabelSchema);
      if (label !== undefined) add(query.labels, label, term);
    } else if (key === "author" || key === "assignee") {
      const jid = check(BareJidSchema);
      if (jid !== undefined) add(key === "author" ? query.authors : query.assignees, jid, term);
    } else if (key === "project") {
      const project = check(ProjectIdSchema);
      if (project !== undefined) add(query.projects, project, term);
    } else {
      // A quoted phrase counts as its words: every word must appear anyway.
      for (const word of term.toLowerCase().split(/\s+/).filter(Boolean)) {
        add(query.words, word, word);
      }
    }
  }
  return { query, ignored };
}

/** Whether the query asks for anything at all (an empty one lists nothing). */
export const isEmptySearch = (query: SearchQuery): boolean =>
  !query.state &&
  query.kinds.length === 0 &&
  query.labels.length === 0 &&
  query.authors.length === 0 &&
  query.assignees.length === 0 &&
  query.projects.length === 0 &&
  query.words.length === 0;
