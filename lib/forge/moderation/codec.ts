import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { BareJidSchema } from "@/lib/xmpp/jid";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { attr, childElements } from "@/lib/xmpp/xml";

/**
 * The items of `forge/<slug>/moderation` (blocks and thread locks) and of
 * `forge/<slug>/moderation-log`. Both are Pubforge's own nodes: Libervia never reads them.
 *
 *   <block xmlns="urn:pubforge:moderation:0" target="spam@evil.example" by="…" at="…"/>
 *     item id `block:<target>`
 *   <lock xmlns="urn:pubforge:moderation:0" thread="xmpp:…?;node=…" by="…" at="…">
 *     <allow jid="…"/>…  whose comments still show (the maintainers when it was locked)
 *     <kept id="…"/>…    the comments published before the lock
 *   </lock>                item id `lock:<thread>`
 *   <record xmlns="urn:pubforge:moderation-log:0" action="block" target="…" what="…" by="…" at="…"/>
 */
export const NS_MODERATION = "urn:pubforge:moderation:0";
export const NS_MODERATION_LOG = "urn:pubforge:moderation-log:0";

/** Bounds on what one lock carries (a thread longer than this is locked by its newest ids). */
export const MAX_ALLOWED = 200;
export const MAX_KEPT = 5_000;

const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

/** What can be blocked: a bare JID, or a whole domain (a name with at least one dot). */
export const BlockTargetSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(300)
  .refine(
    (target) => BareJidSchema.safeParse(target).success || DOMAIN.test(target),
    "Enter an address like spam@example.org, or a domain like example.org",
  );

export function isDomainTarget(target: string): boolean {
  return !target.includes("@");
}

const IsoDateTime = z.iso.datetime({ offset: true });
const Jid = z.string().min(1).max(300);

export interface Block {
  target: string;
  /** The maintainer who blocked (the item's publisher may be the instance acting for them). */
  by: string;
  at: string;
}

export interface ThreadLock {
  /** The comments node, as an xmpp: URI. */
  thread: string;
  by: string;
  at: string;
  allowed: string[];
  kept: string[];
}

export type ModerationItem = { kind: "block"; block: Block } | { kind: "lock"; lock: ThreadLock };

export type ModerationDecoding = { ok: true; item: ModerationItem } | { ok: false; reason: string };

export const blockItemId = (target: string): string => `block:${target}`;
export const lockItemId = (thread: string): string => `lock:${thread}`;

export function encodeBlock(block: Block): Element {
  return xml("block", { xmlns: NS_MODERATION, target: block.target, by: block.by, at: block.at });
}

export function encodeLock(lock: ThreadLock): Element {
  return xml(
    "lock",
    { xmlns: NS_MODERATION, thread: lock.thread, by: lock.by, at: lock.at },
    ...lock.allowed.map((jid) => xml("allow", { jid })),
    ...lock.kept.map((id) => xml("kept", { id })),
  );
}

const BlockAttrs = z.object({ target: BlockTargetSchema, by: Jid, at: IsoDateTime });
const LockAttrs = z.object({
  thread: z
    .string()
    .max(2000)
    .refine((uri) => Boolean(parseXmppUri(uri)?.node), "not an xmpp: URI of a node"),
  by: Jid,
  at: IsoDateTime,
});

/** Reads an item of the moderation node; its id must be the one its payload implies. */
export function decodeModerationItem(item: PubsubItem): ModerationDecoding {
  const payload = item.payload;
  if (!payload || payload.getNS() !== NS_MODERATION) {
    return { ok: false, reason: "not a moderation item" };
  }
  if (payload.getName() === "block") {
    const attrs = BlockAttrs.safeParse(payload.attrs);
    if (!attrs.success) return { ok: false, reason: "a block without a valid target, by or at" };
    if (item.id !== blockItemId(attrs.data.target)) {
      return { ok: false, reason: "a block whose item id does not name its target" };
    }
    return { ok: true, item: { kind: "block", block: attrs.data } };
  }
  if (payload.getName() === "lock") {
    const attrs = LockAttrs.safeParse(payload.attrs);
    if (!attrs.success) return { ok: false, reason: "a lock without a valid thread, by or at" };
    if (item.id !== lockItemId(attrs.data.thread)) {
      return { ok: false, reason: "a lock whose item id does not name its thread" };
    }
    const allowed = childElements(payload, "allow", NS_MODERATION).map((e) => attr(e, "jid"));
    const kept = childElements(payload, "kept", NS_MODERATION).map((e) => attr(e, "id"));
    if (allowed.length > MAX_ALLOWED || kept.length > MAX_KEPT) {
      return { ok: false, reason: "a lock naming too many JIDs or comments" };
    }
    return {
      ok: true,
      item: {
        kind: "lock",
        lock: {
          ...attrs.data,
          allowed: allowed.filter((jid): jid is string => Boolean(jid)),
          kept: kept.filter((id): id is string => Boolean(id)),
        },
      },
    };
  }
  return { ok: false, reason: `an unknown moderation item <${payload.getName()}>` };
}

export const LOG_ACTIONS = ["block", "unblock", "delete", "lock", "unlock"] as const;
export type LogAction = (typeof LOG_ACTIONS)[number];

export interface LogRecord {
  action: LogAction;
  /** What was acted on: a JID or domain, or the cache id of an item or thread's parent. */
  target: string;
  /** What people read about the target ("ticket #3 “Cheap pills”"). */
  what: string;
  by: string;
  at: string;
}

const LogAttrs = z.object({
  action: z.enum(LOG_ACTIONS),
  target: z.string().max(2000),
  what: z.string().max(500).default(""),
  by: Jid,
  at: IsoDateTime,
});

export function encodeLogRecord(record: LogRecord): Element {
  return xml("record", { xmlns: NS_MODERATION_LOG, ...record, what: record.what.slice(0, 500) });
}

export function decodeLogRecord(
  payload: Element | undefined,
): { ok: true; record: LogRecord } | { ok: false; reason: string } {
  if (!payload?.is("record", NS_MODERATION_LOG)) return { ok: false, reason: "not a log record" };
  const attrs = LogAttrs.safeParse(payload.attrs);
  return attrs.success
    ? { ok: true, record: attrs.data }
    : { ok: false, reason: "a log record without a valid action, target, by or at" };
}
