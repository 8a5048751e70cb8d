/**
 * Realistic-looking, reproducible ticket contents for the benchmarks: titles and markdown
 * bodies drawn from a word list, 1-3 labels out of 30, every status, type and priority.
 * A seeded PRNG keeps every run on the same data, so numbers from two runs compare.
 */
import xml, { type Element } from "@xmpp/xml";
import type { NewTicket } from "@/lib/forge/tickets/codec";

const WORDS = (
  "parser crash empty file input output stream buffer socket timeout retry config option " +
  "default value null pointer memory leak thread lock race deadlock cache index query slow " +
  "fast render page button click scroll layout mobile desktop browser firefox chromium login " +
  "logout session cookie token password account user admin role permission access denied " +
  "error warning message log trace debug build compile link test flaky unit integration " +
  "deploy release version upgrade migrate database schema column table row commit branch " +
  "merge rebase conflict patch diff review comment ticket label status milestone assignee " +
  "federation server client xmpp pubsub node item publish subscribe notify retract purge " +
  "upload download image avatar theme dark light font icon menu dialog form field submit " +
  "validate encode decode unicode emoji utf8 ascii locale translate english french german " +
  "keyboard shortcut focus tab screen reader contrast color border margin padding width " +
  "height overflow wrap truncate sort filter search match regex glob path url link anchor " +
  "header footer sidebar navigation breadcrumb pagination infinite list grid card table " +
  "chart graph metric counter gauge alert monitor health check restart shutdown signal " +
  "docker container volume network proxy dns certificate tls handshake cipher key rotate"
).split(" ");

/** ~30 labels, as a mid-sized project would have. */
export const LABELS = [
  "bug",
  "crash",
  "regression",
  "performance",
  "security",
  "ui",
  "ux",
  "a11y",
  "i18n",
  "docs",
  "cli",
  "api",
  "parser",
  "network",
  "storage",
  "sync",
  "federation",
  "auth",
  "build",
  "ci",
  "tests",
  "packaging",
  "windows",
  "macos",
  "linux",
  "mobile",
  "good-first-issue",
  "help-wanted",
  "needs-info",
  "wontfix",
];

export const STATUSES = ["queued", "started", "review", "closed"];
const TYPES = ["bug", "feature"];
const PRIORITIES = ["major", "normal", "minor"];

/** mulberry32: tiny, fast, good enough to spread test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

export function words(random: () => number, count: number): string {
  return Array.from({ length: count }, () => pick(random, WORDS)).join(" ");
}

function sentence(random: () => number): string {
  const text = words(random, 6 + Math.floor(random() * 12));
  return text.charAt(0).toUpperCase() + text.slice(1) + ".";
}

/**
 * A body like people write: a paragraph or two, sometimes steps or inline code. Markdown
 * matters because the cache renders it to HTML on every sync.
 */
function body(random: () => number): string {
  const parts = [Array.from({ length: 2 + Math.floor(random() * 4) }, () => sentence(random))];
  const blocks = [parts[0]!.join(" ")];
  if (random() < 0.4) {
    blocks.push(
      Array.from(
        { length: 2 + Math.floor(random() * 3) },
        (_, i) => `${i + 1}. ${sentence(random)}`,
      ).join("\n"),
    );
  }
  if (random() < 0.3)
    blocks.push(`Seen with \`${words(random, 2)}\` on **${pick(random, WORDS)}**.`);
  if (random() < 0.3) blocks.push(sentence(random) + " " + sentence(random));
  return blocks.join("\n\n");
}

const AUTHORS = ["alice", "bob", "carol", "dave"].map((author) => ({
  author,
  authorJid: `${author}@a.test`,
}));

/** The ticket number `index` of a generated tracker (deterministic for a given seed). */
export function newTicket(random: () => number, index: number): NewTicket {
  const labelCount = 1 + Math.floor(random() * 3);
  const labels = [...new Set(Array.from({ length: labelCount }, () => pick(random, LABELS)))];
  // Spread over the last year, so "updated" ordering has something to order.
  const created = new Date(Date.UTC(2025, 0, 1) + index * 3_000_000 + Math.floor(random() * 1e6));
  return {
    title: sentence(random).slice(0, -1),
    ...pick(random, AUTHORS),
    created: created.toISOString(),
    labels,
    type: pick(random, TYPES),
    status: pick(random, STATUSES),
    priority: pick(random, PRIORITIES),
    bodyMarkdown: body(random),
    // No comments node: the bench measures the tickets phase of a sync on its own.
    commentsUri: "",
    assignees: random() < 0.3 ? [`${pick(random, ["alice", "bob"])}@a.test`] : [],
    milestone: random() < 0.2 ? `v${1 + Math.floor(random() * 3)}.0` : "",
  };
}

/** A pubsub `<item>` as the service returns it (expose_publisher puts the publisher on it). */
export function itemElement(id: string, publisher: string, payload: Element): Element {
  return xml("item", { id, publisher }, payload);
}
