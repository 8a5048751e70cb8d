// What a block hides (lib/cache/moderation.ts), in JavaScript and in SQL: the two must agree.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { getDb } from "@/lib/cache/db";
import { blockListOf, isBlocked, notPublishedBy } from "@/lib/cache/moderation";

const PUBLISHERS = [
  "spam@evil.example",
  "eve@evil.example",
  "eve@sub.evil.example",
  "evil.example",
  "bob@notevil.example",
  "alice@a.example",
  "",
];

describe("blocks", () => {
  useCacheDatabase();
  beforeAll(async () => {
    const db = await getDb();
    await db.project.create({ data: { id: "s/p", service: "s", slug: "p", name: "P" } });
    for (const [i, publisher] of PUBLISHERS.entries()) {
      await db.comment.create({
        data: {
          id: `c${i}`,
          service: "s",
          node: "n",
          itemId: `c${i}`,
          publisher,
          published: new Date(),
          updated: new Date(),
          rawXml: "<item/>",
        },
      });
    }
  });
  afterAll(async () => (await getDb()).comment.deleteMany());

  it.each([
    [["spam@evil.example"], ["spam@evil.example"]],
    [
      ["evil.example"],
      ["spam@evil.example", "eve@evil.example", "eve@sub.evil.example", "evil.example"],
    ],
    [
      ["sub.evil.example", "alice@a.example"],
      ["eve@sub.evil.example", "alice@a.example"],
    ],
    [[], []],
  ])("blocking %j hides %j, in code and in SQL alike", async (targets, hidden) => {
    const blocks = blockListOf(targets);
    expect(PUBLISHERS.filter((publisher) => isBlocked(blocks, publisher))).toEqual(hidden);
    const db = await getDb();
    const shown = await db.comment.findMany({
      where: { AND: notPublishedBy("publisher", blocks) },
      orderBy: { id: "asc" },
    });
    expect(shown.map((row) => row.publisher)).toEqual(
      PUBLISHERS.filter((publisher) => !hidden.includes(publisher)),
    );
  });
});
