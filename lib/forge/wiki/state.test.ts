import { describe, expect, it } from "vitest";
import { decodeWikiEntry, encodeWikiEntry, type WikiPage } from "./codec";
import { conflictOf, pageDigest, type LatestState } from "./state";

function version(revision: number, markdown: string, extra: Partial<WikiPage> = {}) {
  const entry = encodeWikiEntry({
    slug: "install",
    title: "Install",
    markdown,
    summary: "",
    revision,
    updated: "2026-11-25T10:00:00.000Z",
    authorName: "bob",
    authorJid: "bob@b.test",
  });
  const decoded = decodeWikiEntry(entry, "install");
  if (!decoded.ok) throw new Error(decoded.reason);
  return { ...decoded.page, ...extra, publisher: "bob@b.test" };
}

function state(latest: LatestState["latest"]): LatestState {
  return { current: latest?.deleted ? undefined : latest, latest, revision: latest?.revision ?? 0 };
}

describe("conflictOf", () => {
  const two = version(2, "Run make install.\n");

  it("lets an edit of the latest version through", () => {
    expect(conflictOf(state(two), { revision: 2, digest: pageDigest(two) }, two)).toBeUndefined();
  });

  it("stops an edit started from an older revision, with both texts and the way out", () => {
    const conflict = conflictOf(state(two), { revision: 1, digest: "x" }, { markdown: "Mine\n" });
    expect(conflict?.theirs).toMatchObject({
      revision: 2,
      markdown: "Run make install.\n",
      publisher: "bob@b.test",
      deleted: false,
    });
    expect(conflict?.rows).toEqual([
      { kind: "del", text: "Run make install.", oldLine: 1 },
      { kind: "add", text: "Mine", newLine: 1 },
    ]);
    expect(conflict?.base).toEqual({ revision: 2, digest: pageDigest(two) });
  });

  it("notices a change that kept the revision number (another client's edit)", () => {
    const rewritten = version(2, "Something else\n");
    expect(
      conflictOf(state(rewritten), { revision: 2, digest: pageDigest(two) }, two),
    ).toBeDefined();
  });

  it("creating a page conflicts only with a page that exists", () => {
    const creating = { revision: 0, digest: "" };
    expect(conflictOf(state(undefined), creating, { markdown: "x" })).toBeUndefined();
    const deleted = version(3, "", { deleted: true });
    expect(conflictOf(state(deleted), creating, { markdown: "x" })).toBeUndefined();
    expect(conflictOf(state(two), creating, { markdown: "x" })?.theirs.revision).toBe(2);
  });

  it("an edit of a page deleted meanwhile conflicts, and saving again recreates it", () => {
    const deleted = version(3, "", { deleted: true, movedTo: "setup" });
    const conflict = conflictOf(state(deleted), { revision: 2, digest: "d" }, { markdown: "x" });
    expect(conflict?.theirs).toMatchObject({ deleted: true, movedTo: "setup", markdown: "" });
    expect(conflict?.base).toEqual({ revision: 0, digest: "" });
  });

  it("digests title and text together", () => {
    expect(pageDigest({ title: "A", markdown: "b" })).not.toBe(
      pageDigest({ title: "Ab", markdown: "" }),
    );
    expect(pageDigest(two)).toHaveLength(22);
  });
});
