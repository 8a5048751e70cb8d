import type { Element } from "@xmpp/xml";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseXml } from "@/lib/xmpp/xml";
import {
  CommentAnchorSchema,
  decodeComment,
  editComment,
  encodeComment,
  encodeEventEntry,
} from "./comments/codec";
import { EVENT_FIELDS } from "./comments/timeline-event";
import { MAX_ITEM_NUMBER } from "./items/number";
import {
  decodeMergeRequest,
  encodeMergeRequest,
  newMergeRequestForm,
} from "./merge-requests/codec";
import { decodeRevision, encodeRevision } from "./merge-requests/revision-codec";
import { decodeProjectInfo, encodeProjectInfo } from "./projects/codec";
import { MERGE_STRATEGIES } from "@/lib/scm/types";
import { decodeTicket, encodeTicket, newTicketForm } from "./tickets/codec";
import { decodeWikiEntry, encodeWikiEntry } from "./wiki/codec";

// What Pubforge publishes is read back by others as it was written: for any valid field value
// (any Unicode XML can carry, markup characters, blank lines, empty, long), decoding the item
// after the trip through an XMPP server gives back the value encoded.

/**
 * An element as another client receives it: serialised, then read by a conforming XML parser
 * (Prosody's), which turns CRLF and CR into LF, and tabs and line breaks in attributes into
 * spaces (XML 1.0 §2.11, §3.3.3).
 */
function overTheWire(element: Element): Element {
  const normalise = (node: Element) => {
    for (const [name, value] of Object.entries(node.attrs)) {
      if (typeof value === "string") node.attrs[name] = value.replace(/\r\n?|[\n\t]/g, " ");
    }
    node.children = node.children.map((child) =>
      typeof child === "string" ? child.replace(/\r\n?/g, "\n") : (normalise(child), child),
    );
  };
  const parsed = parseXml(element.toString());
  normalise(parsed);
  return parsed;
}

const XML_CHARACTERS = /^[\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/**
 * Text a person can write: any Unicode character XML carries, markup characters and line
 * breaks. No CR: forms hand text over without one (lib/http/textarea.ts), and XML carries none.
 */
const text = (maxLength = 40) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom("a", " ", "\n", "\t", "<", "&", '"', "'", "]]>", "é", "中", "😀", "\u00a0"),
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
      ),
      maxLength,
    })
    .filter((value) => XML_CHARACTERS.test(value));
const longText = fc.string({
  unit: fc.constantFrom("a", " ", "\n", "é", "*", "#"),
  minLength: 5_000,
  maxLength: 12_000,
});
const markdown = fc.oneof({ weight: 9, arbitrary: text(200) }, { weight: 1, arbitrary: longText });
/** A single-line field as the forms give it: trimmed. */
const line = text().map((value) => value.replace(/\n/g, " ").trim());
const nonBlankLine = line.filter((value) => value !== "");
const jid = fc
  .tuple(fc.stringMatching(/^[a-z0-9._-]{1,12}$/), fc.constantFrom("a.test", "b.example.org"))
  .map(([local, domain]) => `${local}@${domain}`);
const date = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
  .map((value) => value.toISOString());
const distinct = <T>(values: fc.Arbitrary<T>) =>
  fc.uniqueArray(values, { maxLength: 5 }).map((list) => [...list]);
const itemNumber = fc.integer({ min: 1, max: MAX_ITEM_NUMBER });
/** A patch as the readers give it: lines, the first not empty, each ending in a newline. */
const patch = fc.oneof(
  fc.constant(""),
  fc
    .array(
      text(60).map((value) => value.replace(/\n/g, "")),
      { minLength: 1, maxLength: 30 },
    )
    .filter(([first]) => first !== "")
    .map((lines) => `${lines.join("\n")}\n`),
);

/** The decoded value, or a failure that says why the item was refused. */
function ok<T extends { ok: boolean }>(decoding: T): Extract<T, { ok: true }> {
  if (!decoding.ok) throw new Error((decoding as { reason?: string }).reason);
  return decoding as Extract<T, { ok: true }>;
}

describe("item codecs: decode(encode(x)) is x", { timeout: 120_000 }, () => {
  it("projects", () => {
    const fields = fc.record({
      name: nonBlankLine,
      description: markdown,
      scm: fc.constantFrom("git" as const, "hg" as const),
      cloneUrl: line,
      defaultBranch: nonBlankLine,
      access: fc.constantFrom("open" as const, "whitelist" as const),
      mergeStrategies: fc.subarray([...MERGE_STRATEGIES], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fields, (project) => {
        const { project: read } = ok(
          decodeProjectInfo(overTheWire(encodeProjectInfo("pubsub.a.test", "x", project))),
        );
        expect(read).toMatchObject(project);
      }),
      { numRuns: 200 },
    );
  });

  const newTicket = fc.record({
    title: nonBlankLine,
    author: nonBlankLine,
    authorJid: jid,
    created: date,
    labels: distinct(nonBlankLine),
    type: nonBlankLine,
    status: nonBlankLine,
    priority: nonBlankLine,
    bodyMarkdown: markdown,
    commentsUri: nonBlankLine,
    assignees: distinct(jid),
    milestone: line,
    number: itemNumber,
  });

  it("tickets, new and edited", () => {
    const changes = fc.record(
      {
        title: nonBlankLine,
        labels: distinct(nonBlankLine),
        status: nonBlankLine,
        bodyMarkdown: markdown,
        assignees: distinct(jid),
        milestone: line,
        number: itemNumber,
        updated: date,
      },
      { requiredKeys: ["updated"] },
    );
    fc.assert(
      fc.property(newTicket, changes, (ticket, change) => {
        const { ticket: read } = ok(decodeTicket(overTheWire(newTicketForm(ticket))));
        expect(read).toMatchObject({
          ...ticket,
          milestone: ticket.milestone || undefined,
          updated: ticket.created,
        });
        const { ticket: edited } = ok(decodeTicket(overTheWire(encodeTicket(read, change))));
        const expected = { ...ticket, ...change, created: ticket.created };
        expect(edited).toMatchObject({ ...expected, milestone: expected.milestone || undefined });
      }),
      { numRuns: 100 },
    );
  });

  it("merge requests, new and edited, and their revisions", () => {
    const request = fc.record({
      title: nonBlankLine,
      author: nonBlankLine,
      authorJid: jid,
      created: date,
      bodyMarkdown: markdown,
      labels: distinct(nonBlankLine),
      patchType: fc.constantFrom("git_patch", "mercurial_changeset"),
      patch,
      commentsUri: nonBlankLine,
      sourceUrl: line,
      sourceRef: line,
      targetBranch: line,
      number: itemNumber,
    });
    const changes = fc.record(
      {
        title: nonBlankLine,
        status: nonBlankLine,
        labels: distinct(nonBlankLine),
        bodyMarkdown: markdown,
        patch: fc.record({ text: patch, revision: fc.integer({ min: 2, max: 1_000 }) }),
        mergedRevisions: distinct(fc.stringMatching(/^[0-9a-f]{40}$/)),
        number: itemNumber,
        updated: date,
      },
      { requiredKeys: ["updated"] },
    );
    fc.assert(
      fc.property(request, changes, (mr, change) => {
        const { mergeRequest: read } = ok(decodeMergeRequest(overTheWire(newMergeRequestForm(mr))));
        const optional = (value: string) => value || undefined;
        expect(read).toMatchObject({
          ...mr,
          sourceUrl: optional(mr.sourceUrl),
          sourceRef: optional(mr.sourceRef),
          targetBranch: optional(mr.targetBranch),
          revision: 1,
        });
        const { mergeRequest: edited } = ok(
          decodeMergeRequest(overTheWire(encodeMergeRequest(read, change))),
        );
        const { patch: newPatch, ...rest } = change;
        expect(edited).toMatchObject({
          ...rest,
          ...(newPatch ? { patch: newPatch.text, revision: newPatch.revision } : {}),
        });
        const revision = { mergeRequest: "mr1", revision: 3, patch: mr.patch, created: mr.created };
        expect(ok(decodeRevision(overTheWire(encodeRevision(revision)))).revision).toEqual(
          revision,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("comments and timeline events, new and edited", () => {
    const comment = fc.record(
      {
        markdown,
        authorName: nonBlankLine,
        authorJid: jid,
        published: date,
        updated: date,
        id: nonBlankLine,
        anchor: fc.record(
          {
            file: nonBlankLine.filter((file) => !file.includes("\t")),
            side: fc.constantFrom("old" as const, "new" as const),
            line: fc.integer({ min: 1, max: 1_000_000 }),
            revision: fc.integer({ min: 1, max: 1_000 }),
          },
          { requiredKeys: ["file", "side", "line"] },
        ),
      },
      { requiredKeys: ["markdown", "authorName", "authorJid", "published", "updated"] },
    );
    const event = fc.record({
      field: fc.constantFrom(...EVENT_FIELDS),
      from: fc.array(line, { maxLength: 5 }),
      to: fc.array(line, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(comment, markdown, date, event, (written, edit, updated, change) => {
        const { comment: read } = ok(decodeComment(overTheWire(encodeComment(written))));
        expect(read).toMatchObject({ ...written, text: written.markdown });
        const { comment: edited } = ok(
          decodeComment(overTheWire(editComment(read, { markdown: edit, updated }))),
        );
        expect(edited).toMatchObject({ ...written, markdown: edit, text: edit, updated });
        const entry = { event: change, authorName: "a", authorJid: "a@a.test", published: updated };
        expect(ok(decodeComment(overTheWire(encodeEventEntry(entry)))).comment.event).toEqual(
          change,
        );
      }),
      { numRuns: 100 },
    );
  });

  it("comments refuse an anchor that XML would not carry as it is", () => {
    const anchor = { side: "new", line: 1 };
    for (const file of ["a\tb", "a\nb", "a\rb"]) {
      expect(CommentAnchorSchema.safeParse({ ...anchor, file }).success, file).toBe(false);
    }
    expect(CommentAnchorSchema.safeParse({ ...anchor, file: "a b" }).success).toBe(true);
  });

  it("wiki pages", () => {
    // Titles, summaries and names are written as one line with single spaces (oneLine).
    const oneLine = line.map((value) => value.replace(/\s+/g, " "));
    const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
    const revision = fc.record(
      {
        slug,
        title: oneLine.filter((title) => title !== ""),
        markdown,
        summary: oneLine,
        revision: fc.integer({ min: 1, max: 1_000_000_000 }),
        updated: date,
        authorName: oneLine.filter((name) => name !== ""),
        authorJid: jid,
        deleted: fc.boolean(),
        renamedFrom: slug,
        movedTo: slug,
      },
      { requiredKeys: ["slug", "title", "markdown", "summary", "revision", "updated"] },
    );
    fc.assert(
      fc.property(revision, jid, (fields, author) => {
        const written = { authorName: "a", authorJid: author, ...fields };
        const { page } = ok(decodeWikiEntry(overTheWire(encodeWikiEntry(written)), "other"));
        expect(page).toMatchObject({ ...written, deleted: written.deleted ?? false });
      }),
      { numRuns: 100 },
    );
  });
});
