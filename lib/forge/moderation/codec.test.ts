import xml from "@xmpp/xml";
import { describe, expect, it } from "vitest";
import { itemFromElement } from "@/lib/xmpp/pubsub";
import {
  blockItemId,
  BlockTargetSchema,
  decodeLogRecord,
  decodeModerationItem,
  encodeBlock,
  encodeLock,
  encodeLogRecord,
  lockItemId,
  MAX_KEPT,
  NS_MODERATION,
} from "./codec";

const AT = "2026-12-10T12:00:00.000Z";
const THREAD =
  "xmpp:pubsub.a.test?;node=urn%3Axmpp%3Amicroblog%3A0%3Acomments%2Ffdp%2Fsubmitted%2Forg.salut-a-toi.tickets%3A0_demo_ab12";
const item = (id: string, payload: ReturnType<typeof xml>) =>
  itemFromElement(xml("item", { id, publisher: "alice@a.test" }, payload));

describe("moderation items", () => {
  it("reads back a block and a lock as written", () => {
    const block = { target: "spam@evil.example", by: "alice@a.test", at: AT };
    expect(decodeModerationItem(item(blockItemId(block.target), encodeBlock(block)))).toEqual({
      ok: true,
      item: { kind: "block", block },
    });
    const lock = {
      thread: THREAD,
      by: "alice@a.test",
      at: AT,
      allowed: ["alice@a.test"],
      kept: ["c1", "c2"],
    };
    expect(decodeModerationItem(item(lockItemId(THREAD), encodeLock(lock)))).toEqual({
      ok: true,
      item: { kind: "lock", lock },
    });
  });

  it("refuses an item whose id does not name what it blocks or locks", () => {
    const block = encodeBlock({ target: "spam@evil.example", by: "alice@a.test", at: AT });
    expect(decodeModerationItem(item("block:someone@else.example", block))).toMatchObject({
      ok: false,
    });
    const lock = encodeLock({ thread: THREAD, by: "a@a.test", at: AT, allowed: [], kept: [] });
    expect(decodeModerationItem(item("lock:xmpp:other", lock))).toMatchObject({ ok: false });
  });

  it("refuses foreign, malformed and oversized payloads without throwing", () => {
    const cases = [
      xml("block", { xmlns: "urn:other", target: "a@b.example", by: "x", at: AT }),
      xml("block", { xmlns: NS_MODERATION, target: "not a target", by: "x", at: AT }),
      xml("block", { xmlns: NS_MODERATION, target: "a@b.example", by: "x", at: "yesterday" }),
      xml("lock", { xmlns: NS_MODERATION, thread: "https://example.org", by: "x", at: AT }),
      xml("mute", { xmlns: NS_MODERATION }),
      xml(
        "lock",
        { xmlns: NS_MODERATION, thread: THREAD, by: "x", at: AT },
        ...Array.from({ length: MAX_KEPT + 1 }, (_, i) => xml("kept", { id: String(i) })),
      ),
    ];
    for (const payload of cases) {
      const id =
        payload.getName() === "lock"
          ? lockItemId(String(payload.attrs.thread))
          : "block:a@b.example";
      expect(decodeModerationItem(item(id, payload)).ok, payload.toString().slice(0, 80)).toBe(
        false,
      );
    }
    expect(decodeModerationItem(itemFromElement(xml("item", { id: "x" }))).ok).toBe(false);
  });

  it("takes a bare JID or a domain as a block target, lower-cased", () => {
    expect(BlockTargetSchema.parse(" Spam@Evil.Example ")).toBe("spam@evil.example");
    expect(BlockTargetSchema.parse("evil.example")).toBe("evil.example");
    for (const bad of ["evil", "spam@evil.example/res", "", "a b.example", "<x>.example"]) {
      expect(BlockTargetSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("moderation log records", () => {
  it("round-trips and refuses unknown actions", () => {
    const record = {
      action: "delete" as const,
      target: "t",
      what: "ticket #3 “Pills”",
      by: "a@a.test",
      at: AT,
    };
    expect(decodeLogRecord(encodeLogRecord(record))).toEqual({ ok: true, record });
    const bad = encodeLogRecord(record);
    bad.attrs.action = "ban";
    expect(decodeLogRecord(bad).ok).toBe(false);
    expect(decodeLogRecord(undefined).ok).toBe(false);
  });
});
