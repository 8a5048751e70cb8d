import { describe, expect, it } from "vitest";
import {
  codeComparePath,
  codeFilePath,
  codeLogPath,
  codeRawPath,
  codeTreePath,
  decodeSegment,
  itemKey,
  itemPathSegment,
  mergeRequestPath,
  newMergeRequestPath,
  newTicketPath,
  normalizeNodeUri,
  parseCompareRange,
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

describe("code browser addresses", () => {
  it("keep a revision in one segment and encode each name of a path", () => {
    expect(codeTreePath(project, "main")).toBe("/p/pubsub.a.test/demo/code/tree/main");
    expect(codeFilePath(project, "feature/x", "sub dir/a#b.txt")).toBe(
      "/p/pubsub.a.test/demo/code/blob/feature%2Fx/sub%20dir/a%23b.txt",
    );
    expect(codeRawPath(project, "v1", "a?.txt")).toBe("/p/pubsub.a.test/demo/code/raw/v1/a%3F.txt");
    expect(codeLogPath(project, "main", { path: "src/a b", page: 2 })).toBe(
      "/p/pubsub.a.test/demo/code/commits/main?path=src%2Fa+b&page=2",
    );
    expect(codeLogPath(project, "main")).toBe("/p/pubsub.a.test/demo/code/commits/main");
  });

  it("read back the two revisions of a comparison, and nothing from a broken one", () => {
    const url = codeComparePath(project, "release/1.x", "feature/a...b");
    const segment = url.slice(url.lastIndexOf("/") + 1);
    expect(parseCompareRange(segment)).toEqual({ base: "release/1.x", head: "feature/a...b" });
    expect(parseCompareRange("main...")).toBeUndefined();
    expect(parseCompareRange("...main")).toBeUndefined();
    expect(parseCompareRange("main..feature")).toBeUndefined();
    expect(parseCompareRange("%E0%A4%A...main")).toBeUndefined();
    expect(decodeSegment("%zz")).toBeUndefined();
  });

  it("fill the new merge request form from a comparison", () => {
    expect(
      newMergeRequestPath(project, {
        sourceUrl: "https://x/r.git",
        sourceRef: "f",
        targetBranch: "main",
      }),
    ).toBe(
      "/p/pubsub.a.test/demo/mr/new?sourceUrl=https%3A%2F%2Fx%2Fr.git&sourceRef=f&targetBranch=main",
    );
  });
});
