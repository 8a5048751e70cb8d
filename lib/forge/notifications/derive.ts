import type { TimelineEvent } from "@/lib/forge/comments/timeline-event";
import { describeEvent } from "@/lib/forge/comments/timeline-event";
import type { Verdict } from "@/lib/forge/comments/verdict";
import { mentionedJids } from "./mentions";

/** What a notification is about. */
export const NOTIFICATION_KINDS = [
  "new-item",
  "comment",
  "status",
  "assignment",
  "update",
  "merge",
  "mention",
  "review-requested",
  "verdict",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotifiedTarget {
  kind: "ticket" | "merge-request";
  id: string;
  number: number | null;
  title: string;
  /** Its page, relative to the instance's origin. */
  path: string;
}

/** An item the sync just cached for the first time (or a merge request just merged). */
export interface AppliedItem {
  projectId: string;
  /** The cache id of the item that caused it: a ticket, a merge request or a comment. */
  itemId: string;
  target: NotifiedTarget;
  /** Who published it, as the service reported. */
  actor: string;
  /** What mentions are read from (markdown or plain text). */
  text: string;
  change:
    | {
        type: "new-item";
        assignees: readonly string[];
        /**
         * The hook for review requests (#15): whoever a merge request asks to review is told
         * and watches it, like an assignee. Absent until merge requests carry that field.
         */
        requestedReviewers?: readonly string[];
      }
    | { type: "comment" }
    | { type: "verdict"; verdict: Verdict }
    | { type: "timeline"; event: TimelineEvent }
    | { type: "merge" };
}

/** One event and whom it may reach, before anyone's settings or access are asked. */
export interface DerivedEvent {
  kind: NotificationKind;
  /** With the user's JID, unique forever: applying the item again notifies nobody again. */
  eventKey: string;
  projectId: string;
  targetId: string;
  actor: string;
  summary: string;
  path: string;
  /** Those who watch one of these are told (a project, a ticket or merge request). */
  watchedTargets: string[];
  /** Told whether they watch or not (mentioned, newly assigned). */
  direct: string[];
  /** Start watching the target (its author, commenters, assignees). */
  autoWatch: string[];
  /** Told of this event, not of the others of the same item (a mention beats a comment). */
  exclusive: boolean;
}

const TITLE_CHARS = 120;

const itemName = (target: NotifiedTarget) => {
  // A foreign title: one line, bounded, so it cannot forge lines of a message.
  const line = target.title.replace(/[\s\p{Cc}]+/gu, " ").trim();
  const title = line.length > TITLE_CHARS ? `${line.slice(0, TITLE_CHARS)}…` : line;
  return `${target.kind === "ticket" ? "#" : "!"}${target.number ?? "?"} ${title}`;
};

/**
 * The events one applied item makes, in the order recipients should get them (a mention first:
 * someone mentioned in a comment is told of the mention only). Pure: who watches, who may read
 * and who wants what are asked by notify.ts.
 */
export function deriveEvents(item: AppliedItem, instanceDomain: string): DerivedEvent[] {
  const { target, actor, projectId } = item;
  const base = { projectId, targetId: target.id, actor, path: target.path };
  const events: DerivedEvent[] = [];
  const mentioned = mentionedJids(item.text, instanceDomain);
  if (mentioned.length) {
    events.push({
      ...base,
      kind: "mention",
      eventKey: `mention:${item.itemId}`,
      summary: `mentioned you in ${itemName(target)}`,
      watchedTargets: [],
      direct: mentioned,
      autoWatch: [],
      exclusive: true,
    });
  }
  const main = mainEvent(item);
  events.push({ ...base, ...main, eventKey: `${main.kind}:${item.itemId}`, exclusive: false });
  return events;
}

function mainEvent(
  item: AppliedItem,
): Pick<DerivedEvent, "kind" | "summary" | "watchedTargets" | "direct" | "autoWatch"> {
  const { target, actor, change } = item;
  const name = itemName(target);
  const noun = target.kind === "ticket" ? "ticket" : "merge request";
  switch (change.type) {
    case "new-item":
      return {
        kind: "new-item",
        summary: `opened ${noun} ${name}`,
        watchedTargets: [item.projectId],
        direct: [...change.assignees, ...(change.requestedReviewers ?? [])],
        autoWatch: [actor, ...change.assignees, ...(change.requestedReviewers ?? [])],
      };
    case "comment":
      return {
        kind: "comment",
        summary: `commented on ${name}`,
        watchedTargets: [target.id],
        direct: [],
        autoWatch: [actor],
      };
    case "verdict":
      return {
        kind: "verdict",
        summary: `${VERDICT_WORDS[change.verdict.value]} ${name} (revision ${change.verdict.revision})`,
        watchedTargets: [target.id],
        direct: [],
        autoWatch: [actor],
      };
    case "merge":
      return {
        kind: "merge",
        summary: `merged ${name}`,
        watchedTargets: [target.id],
        direct: [],
        autoWatch: [],
      };
    case "timeline": {
      const { event } = change;
      const asked = event.field === "assignees" || event.field === "reviewers";
      const added = asked ? addedValues(event) : [];
      const kind =
        event.field === "status"
          ? "status"
          : !added.length
            ? "update"
            : event.field === "reviewers"
              ? "review-requested"
              : "assignment";
      return {
        kind,
        summary: `${describeEvent(event)} on ${name}`,
        watchedTargets: [target.id],
        direct: added,
        autoWatch: [actor, ...added],
      };
    }
  }
}

const VERDICT_WORDS: Record<Verdict["value"], string> = {
  approve: "approved",
  "request-changes": "requested changes on",
  comment: "reviewed",
};

const addedValues = (event: TimelineEvent) =>
  event.to.filter((value) => !event.from.includes(value)).map((jid) => jid.toLowerCase());

/**
 * Who gets which event: each user at most once per item (the first event naming them, given
 * `exclusive` ones come first), never the actor.
 */
export function recipientsPerEvent(
  events: readonly DerivedEvent[],
  candidates: (event: DerivedEvent) => readonly string[],
): Map<DerivedEvent, string[]> {
  const told = new Set<string>();
  const result = new Map<DerivedEvent, string[]>();
  for (const event of events) {
    const actor = event.actor.toLowerCase();
    const users = [...new Set(candidates(event).map((jid) => jid.toLowerCase()))].filter(
      (jid) => jid !== actor && !told.has(jid),
    );
    if (event.exclusive) users.forEach((jid) => told.add(jid));
    result.set(event, users);
  }
  return result;
}
