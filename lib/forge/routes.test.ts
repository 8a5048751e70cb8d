import { describe, expect, it } from "vitest";
import {
  itemKey,
  itemPathSegment,
  mergeRequestPath,
  newMergeRequestPath,
  newTicketPath,
  normalizeNodeUri,
  projectPath,
  searchPath,
  ticketPath,
  ticketsPath,
  wikiPageKey,
  wikiPageLink,
  wikiPagePath,
  wikiPath,
} from "./routes";

const project = projectPath("pubsub.a.test/demo");

describe("page addresses", () => {
  it("live under /p/<service>/<slug>", () => {
    expect(project).toBe("/p/pubsub.a.test/demo");
    expect(ticketsPath(project)).toBe("/p/pubsub.a.test/demo/tickets");
    expect(newTicketPath(project)).toBe("/p/pubsub.a.test/demo/tickets/new");
    expect(newMergeRequestPath(project)).toBe("/p/pubsub.a.test/demo/mr/new");
    expect(searchPath(project)).toBe("/p/pubsub.a.test/demo/search");
  });

  it("name an item by its short number, else by its escaped item id", () => {
    expect(itemPathSegment({ number: 2, itemId: "b" })).toBe("2");
    expect(itemPathSegment({ number: null, itemId: "a b/c" })).toBe("a%20b%2Fc");
    expect(ticketPath(project, 12)).toBe("/p/pubsub.a.test/demo/tickets/12");
    expect(mergeRequestPath(project, { number: null, itemId: "x/y" })).toBe(
      "/p/pubsub.a.test/demo/mr/x%2Fy",
    );
  });

  it("show the wiki's home page at the wiki's own address", () => {
    expect(wikiPath(project)).toBe("/p/pubsub.a.test/demo/wiki");
    expect(wikiPageLink(project, "home")).toBe("/p/pubsub.a.test/demo/wiki");
    expect(wikiPagePath(project, "home")).toBe("/p/pubsub.a.test/demo/wiki/home");
    expect(wikiPageLink(project, "état")).toBe("/p/pubsub.a.test/demo/wiki/%C3%A9tat");
  });
});

describe("cache keys", () => {
  it("name where an item lives", () => {
    expect(itemKey("pubsub.a.test", "forge/demo/wiki", "install")).toBe(
      "pubsub.a.test/forge/demo/wiki/install",
    );
    expect(wikiPageKey("pubsub.a.test", "demo", "install")).toBe(
      "pubsub.a.test/forge/demo/wiki/install",
    );
  });

  it("spell a node URI one way, and none for what names no node", () => {
    expect(normalizeNodeUri("xmpp:pubsub.a.test?;node=a%2Fb")).toBe(
      normalizeNodeUri("xmpp:pubsub.a.test?;node=a/b"),
    );
    expect(normalizeNodeUri("xmpp:pubsub.a.test")).toBe("");
    expect(normalizeNodeUri(undefined)).toBe("");
  });
});
