import { Element, Parser } from "@xmpp/xml";

// `@xmpp/xml/lib/parse.js` has no type declarations, so the same few lines are
// written here against the typed stream Parser; unlike that helper, a document
// that never closes its root, or has a second root, is an error rather than a
// half-built tree.
export function parseXml(text: string): Element {
  const parser = new Parser();
  let root: Element | undefined;
  let closed = false;
  let failure: unknown;
  parser.on("start", (element: Element) => {
    root = element;
  });
  parser.on("element", (element: Element) => {
    if (closed) failure ??= new Error(`<${element.name}> after the root element`);
    root?.append(element);
  });
  parser.on("end", () => {
    closed = true;
  });
  parser.on("error", (error: unknown) => {
    failure ??= error;
  });
  try {
    parser.write(text.trim());
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined) {
    throw new Error(
      `not well-formed XML: ${failure instanceof Error ? failure.message : String(failure)}`,
    );
  }
  if (root === undefined || !closed)
    throw new Error("not well-formed XML: the root element is not closed");
  return root;
}

// ltx elements know their parent; appending the same element to a second tree
// would silently move it, so anything reused in a new document is copied first.
// Copied with a work list, not recursion: a stranger's 10,000 nested elements overflowed the stack.
export function cloneElement(element: Element): Element {
  const copy = new Element(element.name, { ...element.attrs });
  const pending: [Element, Element][] = [[element, copy]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [original, clone] = next;
    for (const child of original.children) {
      if (typeof child === "string") {
        clone.cnode(child);
        continue;
      }
      const childCopy = new Element(child.name, { ...child.attrs });
      clone.cnode(childCopy);
      pending.push([child, childCopy]);
    }
  }
  return copy;
}

export function childElements(parent: Element, name: string, ns: string): Element[] {
  return parent
    .getChildElements()
    .filter((child) => child.getName() === name && child.getNS() === ns);
}

export function firstChildElement(parent: Element, name: string, ns: string): Element | undefined {
  return childElements(parent, name, ns)[0];
}

/** An attribute's value, if the element has it as a string. */
export function attr(element: Element, name: string): string | undefined {
  const value: unknown = element.attrs[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * Text as XML 1.0 can carry it: characters it forbids (most C0 controls, lone surrogates)
 * are dropped, since a server rejects a stanza containing them.
 */
export function xmlSafeText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "");
}
