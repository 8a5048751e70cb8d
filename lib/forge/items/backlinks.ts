import { replaceReferences } from "@/lib/cache/references";
import { mentionedItems, type ItemMention } from "./references";

/** A text that may name other items, and the ticket or merge request it is shown on. */
export interface MentioningText {
  readonly fromId: string;
  /** Who published it, as its service reported: what a blocked publisher wrote is not shown. */
  readonly publisher: string;
  readonly source: {
    readonly kind: ItemMention["kind"];
    readonly id: string;
    readonly number: number | null;
  };
  readonly text: string;
}

/**
 * Keeps what each text names (`#12`, `!7`, `service/slug#12`) for the named items' backlinks
 * (listBacklinks), replacing what it named before; an item naming itself is left out. The
 * syncs call it with what they cached.
 */
export async function recordMentions(
  projectId: string,
  texts: readonly MentioningText[],
): Promise<void> {
  await replaceReferences(
    texts.map(({ fromId, publisher, source, text }) => ({
      projectId,
      fromId,
      publisher,
      sourceKind: source.kind,
      sourceId: source.id,
      targets: mentionedItems(text)
        .map((target) => ({
          toProjectId: target.project ?? projectId,
          toKind: target.kind,
          toNumber: target.number,
        }))
        .filter(
          (target) =>
            target.toProjectId !== projectId ||
            target.toKind !== source.kind ||
            target.toNumber !== source.number,
        ),
    })),
  );
}
