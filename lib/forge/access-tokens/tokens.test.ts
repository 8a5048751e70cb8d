import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/cache/db";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import type { Viewer } from "@/lib/forge/viewer";
import { checkAccessToken, createAccessToken, listAccessTokens, revokeAccessToken } from "./tokens";

const viewer = (jid: string) => ({ jid }) as Viewer;
const alice = viewer("alice@a.test");
const bob = viewer("bob@b.test");

describe("access tokens", { timeout: 30_000 }, () => {
  useCacheDatabase();

  it("are shown once, kept as a digest, and act only for their owner and scope", async () => {
    const { token, summary } = await createAccessToken(alice, { name: "laptop", scope: "write" });
    expect(token).toMatch(/^pft_[A-Za-z0-9_-]{43}$/);
    const stored = await (
      await getDb()
    ).accessToken.findUniqueOrThrow({ where: { id: summary.id } });
    expect(JSON.stringify(stored)).not.toContain(token.slice(4));

    expect(await checkAccessToken("alice@a.test", token)).toBe("write");
    expect(await checkAccessToken("bob@b.test", token)).toBeNull();
    expect(await checkAccessToken("alice@a.test", `${token}x`)).toBeNull();
    expect(await checkAccessToken("alice@a.test", token.slice(4))).toBeNull();

    const reader = await createAccessToken(alice, { name: "ci", scope: "read" });
    expect(await checkAccessToken("alice@a.test", reader.token)).toBe("read");
    const listed = await listAccessTokens(alice);
    expect(listed.map((t) => [t.name, t.scope])).toEqual([
      ["ci", "read"],
      ["laptop", "write"],
    ]);
    expect(listed.find((t) => t.name === "laptop")?.lastUsed).toBeInstanceOf(Date);
    expect(await listAccessTokens(bob)).toEqual([]);
  });

  it("stop working when revoked, and only their owner revokes them", async () => {
    const { token, summary } = await createAccessToken(alice, { name: "old", scope: "write" });
    await expect(revokeAccessToken(bob, summary.id)).rejects.toMatchObject({ code: "token-gone" });
    expect(await checkAccessToken("alice@a.test", token)).toBe("write");
    await revokeAccessToken(alice, summary.id);
    expect(await checkAccessToken("alice@a.test", token)).toBeNull();
    await expect(revokeAccessToken(alice, summary.id)).rejects.toMatchObject({
      code: "token-gone",
    });
  });

  it("need a name and a known scope", async () => {
    await expect(createAccessToken(alice, { name: " ", scope: "write" })).rejects.toThrow(
      "Name the token",
    );
    await expect(createAccessToken(alice, { name: "x", scope: "admin" })).rejects.toThrow();
  });
});
