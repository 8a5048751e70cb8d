import type { ModerationBlock, ThreadLock as ThreadLockRow } from "@/lib/generated/prisma/client";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { xmlString } from "@/lib/xmpp/xml-string";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { itemPublisher, toDate } from "@/lib/forge/items/record-fields";
import { itemKey } from "@/lib/forge/routes";
import type { Block, ThreadLock } from "./codec";

interface Where {
  projectId: string;
  service: string;
  node: string;
}

export function blockRecord(where: Where, item: PubsubItem, block: Block): ModerationBlock {
  return {
    id: itemKey(where.service, where.node, item.id),
    projectId: where.projectId,
    target: block.target,
    blockedBy: block.by || itemPublisher(item),
    blockedAt: toDate(block.at, new Date()),
    rawXml: xmlString(item.element),
  };
}

export function threadLockRecord(where: Where, item: PubsubItem, lock: ThreadLock): ThreadLockRow {
  // The codec accepted only a thread URI that names a node.
  const thread = parseXmppUri(lock.thread)!;
  return {
    id: itemKey(where.service, where.node, item.id),
    projectId: where.projectId,
    threadService: thread.jid,
    threadNode: thread.node ?? "",
    lockedBy: lock.by || itemPublisher(item),
    lockedAt: toDate(lock.at, new Date()),
    allowed: JSON.stringify(lock.allowed),
    kept: JSON.stringify(lock.kept),
    rawXml: xmlString(item.element),
  };
}
