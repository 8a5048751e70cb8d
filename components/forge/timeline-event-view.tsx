import { describeEvent, type TimelineEvent } from "@/lib/forge/comments/timeline-event";
import { when } from "@/components/wiki/format";
import { statusLabel } from "@/lib/forge/statuses";

const valueLabel = (field: TimelineEvent["field"], value: string) =>
  field === "status" ? statusLabel(value) : value;

/** One change to a ticket, compact between the comments: who (as the service reports), what, when. */
export function TimelineEventView({
  event,
  publisher,
  published,
}: {
  event: TimelineEvent;
  publisher: string;
  published: Date;
}) {
  return (
    <p data-testid="timeline-event" className="px-3 text-sm text-zinc-600 dark:text-zinc-400">
      <span className="font-medium text-zinc-800 dark:text-zinc-200">{publisher}</span>{" "}
      {describeEvent(event, valueLabel)} ·{" "}
      <time dateTime={published.toISOString()}>{when(published)}</time>
    </p>
  );
}
