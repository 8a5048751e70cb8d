import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seriesLineCounts } from "./line-counts";

const fixture = (name: string) =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

const PATCH = `From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
From: Alice <alice@a.test>
Date: Tue, 25 Nov 2026 10:00:00 +0000
Subject: [PATCH] Change things

- a message line that looks removed
+ and one that looks added
---
 a.txt | 3 ++-
 1 file changed, 2 insertions(+), 1 deletion(-)

diff --git a/a.txt b/a.txt
index 1111111..2222222 100644
--- a/a.txt
+++ b/a.txt
@@ -1,2 +1,3 @@
 keep
-old
+new
+more
-- 
2.39.5
`;

describe("seriesLineCounts", () => {
  it("counts the diff lines, not the message or the diffstat", () => {
    expect(seriesLineCounts(PATCH)).toEqual({ added: 2, removed: 1 });
  });

  it("adds up every changeset of git and Mercurial series", () => {
    for (const name of ["git-series.mbox", "hg-series.patch"]) {
      const counts = seriesLineCounts(fixture(name));
      expect(counts.added + counts.removed).toBeGreaterThan(0);
    }
  });

  it("counts nothing in text that is not a series", () => {
    expect(seriesLineCounts("")).toEqual({ added: 0, removed: 0 });
    expect(seriesLineCounts("+not\n-a patch\n")).toEqual({ added: 0, removed: 0 });
  });
});
