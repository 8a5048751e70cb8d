import type { Element } from "@xmpp/xml";

/**
 * The XML text of an element, exactly as ltx's `element.toString()` writes it, about twice as
 * fast: ltx appends each of an item's few hundred pieces to a string through a callback, and
 * the cache keeps the raw XML of every item, so a cold sync of 5,000 tickets serialised 11 MB
 * that way (bench/RESULTS.md, cold-sync). Here the pieces go into one array, joined once.
 */
export function xmlString(element: Element): string {
  const parts: string[] = [];
  writeElement(element, parts);
  return parts.join("");
}

function writeElement(element: Element, parts: string[]): void {
  parts.push("<", element.name);
  const attrs = element.attrs as Record<string, unknown>;
  // for…in, as ltx does: the same attributes in the same order.
  for (const name in attrs) {
    const value = attrs[name];
    if (value != null) parts.push(" ", name, '="', escapeAttribute(stringOf(value)), '"');
  }
  if (element.children.length === 0) {
    parts.push("/>");
    return;
  }
  parts.push(">");
  for (const child of element.children as unknown[]) {
    if (child == null) continue;
    if (typeof child === "string") parts.push(escapeText(child));
    else if (typeof (child as Element).write === "function") writeElement(child as Element, parts);
    else parts.push(escapeText(stringOf(child)));
  }
  parts.push("</", element.name, ">");
}

/** ltx writes numbers and other non-strings with toString(10). */
function stringOf(value: unknown): string {
  return typeof value === "string"
    ? value
    : (value as { toString(radix: number): string }).toString(10);
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

const entity = (character: string) => ENTITIES[character]!;

// The same characters ltx escapes: all five in attributes, only & < > in text.
const escapeAttribute = (value: string) => value.replace(/["&'<>]/g, entity);
const escapeText = (value: string) => value.replace(/[&<>]/g, entity);
