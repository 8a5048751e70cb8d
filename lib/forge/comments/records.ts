import type { Comment as CommentRow } from "@/lib/generated/prisma/client";
import type { PubsubItem } from "@/lib/xmpp/pubsub";
import { xmlString } from "@/lib/xmpp/xml-string";
import { renderMarkdown, type RenderOptions, sanitizeXhtml } from "@/lib/forge/markdown";
import { toDate } from "@/lib/forge/items/record-fields";
import { itemKey } from "@/lib/forge/routes";
import type { Comment } from "./codec";
import { repliedItemId } from "./thread-codec";

export function commentRecord(
  service: string,
  node: string,
  item: PubsubItem,
  comment: Comment,
  render: RenderOptions = {},
  now = new Date(),
): CommentRow {
  const published = toDate(comment.published, now);
  return {
    id: itemKey(service, node, item.id),
    service,
    node,
    itemId: item.id,
    publisher: item.publisher ?? "",
    authorName: comment.authorName ?? "",
    event: comment.event ? JSON.stringify(comment.event) : null,
    contentMarkdown: comment.markdown ?? "",
    contentHtml:
      comment.markdown !== undefined
        ? renderMarkdown(comment.markdown, render)
        : comment.xhtml
          ? sanitizeXhtml(comment.xhtml, render)
          : renderMarkdown(comment.text, render),
    published,
    updated: toDate(comment.updated, published),
    rawXml: xmlString(item.element),
    anchorFile: comment.anchor?.file ?? null,
    anchorSide: comment.anchor?.side ?? null,
    anchorLine: comment.anchor?.line ?? null,
    anchorRevision: comment.anchor?.revision ?? null,
    replyTo: comment.inReplyTo
      ? (repliedItemId(comment.inReplyTo, { service, node }) ?? null)
      : null,
    resolution: comment.resolution ? JSON.stringify(comment.resolution) : null,
    firstSeenAt: now,
  };
}
