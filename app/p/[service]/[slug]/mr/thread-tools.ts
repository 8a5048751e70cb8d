import type { ReactNode } from "react";
import type { ThreadTools } from "@/components/forge/comment-thread";
import type { Comment } from "@/lib/generated/prisma/client";
import { mayResolve, type ResolutionRights } from "@/lib/forge/comments/threads";
import type { Viewer } from "@/lib/forge/viewer";
import { replyAction, resolveThreadAction } from "./thread-actions";

/** What a signed-in viewer may do with a merge request's threads; nothing for anyone else. */
export function threadToolsFor(
  viewer: Viewer | null,
  rights: ResolutionRights,
  mayComment: boolean,
  commentTools?: (comment: Comment) => ReactNode,
): ThreadTools | undefined {
  if (!viewer) return undefined;
  return {
    actions: { replyAction, resolveAction: resolveThreadAction },
    mayReply: mayComment,
    mayResolve: (thread) => thread.resolvable && mayResolve(viewer.jid, thread.root, rights),
    commentTools,
  };
}
