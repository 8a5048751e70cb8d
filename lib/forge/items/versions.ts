import {
  keepReplacedVersions,
  type TrackerItemState,
  trackerItemStates,
  type TrackerKind,
} from "@/lib/cache/item-versions";
import { judgeVersion, needsMaintainers, replacesPublisher } from "./overwrite-flag";

/** The fields of a ticket's or merge request's row that say which version it holds. */
export interface VersionFields {
  id: string;
  publisher: string;
  firstPublisher: string;
  flaggedBy: string;
  versionSeenAt: Date | null;
}

/**
 * Whether a cached version was trusted when it was seen: judgeVersion leaves a version
 * unflagged only when it trusts it, or when the service did not name its publisher.
 */
export const wasTrusted = (state: TrackerItemState) =>
  state.publisher !== "" && state.flaggedBy === "";

/**
 * Judges incoming versions of tickets or merge requests against the cached ones before they
 * are written over them (overwrite-flag.ts has the rule): each keeps the first publisher
 * cached, is flagged or not, and the version of another publisher it replaces goes into the
 * item's history. Sets the records' version fields.
 */
export async function judgeVersions(
  kind: TrackerKind,
  records: readonly VersionFields[],
  maintainers: () => Promise<ReadonlySet<string>>,
  now = new Date(),
): Promise<void> {
  // A batch holding an item twice writes its last version (upsertTickets); judge that one.
  const latest = [...new Map(records.map((record) => [record.id, record])).values()];
  const stored = await trackerItemStates(
    kind,
    latest.map((record) => record.id),
  );
  const firstPublisher = (record: VersionFields) =>
    stored.get(record.id)?.firstPublisher ?? record.publisher;
  const asked = latest.some((record) =>
    needsMaintainers({ firstPublisher: firstPublisher(record), publisher: record.publisher }),
  );
  const known = asked ? await maintainers() : new Set<string>();
  const replaced = [];
  for (const record of latest) {
    const state = stored.get(record.id);
    const verdict = judgeVersion(
      {
        firstPublisher: firstPublisher(record),
        publisher: record.publisher,
        flaggedBy: state?.flaggedBy ?? "",
      },
      (jid) => known.has(jid),
    );
    record.firstPublisher = firstPublisher(record);
    record.flaggedBy = verdict.flaggedBy;
    if (!state) continue;
    if (replacesPublisher(state.publisher, record.publisher)) {
      replaced.push({ itemKey: record.id, trusted: wasTrusted(state) });
      record.versionSeenAt = now;
    } else {
      record.versionSeenAt = state.versionSeenAt ?? now;
    }
  }
  await keepReplacedVersions(kind, replaced, now);
}

/**
 * Who something added to an item (a merge request's revision) is flagged as added by: its
 * publisher, unless that is the item's first publisher or a maintainer; "" when it is, or when
 * the service did not name them.
 */
export async function flagOfAddition(
  firstPublisher: string,
  publisher: string,
  maintainers: () => Promise<ReadonlySet<string>>,
): Promise<string> {
  const known = needsMaintainers({ firstPublisher, publisher })
    ? await maintainers()
    : new Set<string>();
  return judgeVersion({ firstPublisher, publisher, flaggedBy: "" }, (jid) => known.has(jid))
    .flaggedBy;
}
