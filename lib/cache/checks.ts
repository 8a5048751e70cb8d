import type { MergeRequestCheck } from "@/lib/generated/prisma/client";
import { getDb } from "./db";

/** The statuses CI bots published, as lib/forge/checks/sync.ts caches them. */

export async function upsertCheck(row: MergeRequestCheck): Promise<void> {
  const db = await getDb();
  const { id, ...rest } = row;
  await db.mergeRequestCheck.upsert({ where: { id }, create: row, update: rest });
}

/** Checks whose items were retracted (ids are the items' cache ids). */
export async function deleteChecks(ids: readonly string[]): Promise<void> {
  const db = await getDb();
  await db.mergeRequestCheck.deleteMany({ where: { id: { in: [...ids] } } });
}

/** The checks node of a project was purged or deleted. */
export async function deleteProjectChecks(projectId: string): Promise<void> {
  const db = await getDb();
  await db.mergeRequestCheck.deleteMany({ where: { projectId } });
}

/** A bot that maintainers no longer allow: what it said stops counting at once. */
export async function deleteChecksPublishedBy(projectId: string, publisher: string): Promise<void> {
  const db = await getDb();
  await db.mergeRequestCheck.deleteMany({ where: { projectId, publisher } });
}

/** The checks of one revision of a merge request, by name. */
export async function listRevisionChecks(
  mergeRequestId: string,
  revision: number,
): Promise<MergeRequestCheck[]> {
  const db = await getDb();
  return db.mergeRequestCheck.findMany({
    where: { mergeRequestId, revision },
    orderBy: { name: "asc" },
  });
}

/** The checks of the current revision of each merge request of a list page, by its id. */
export async function currentRevisionChecks(
  requests: readonly { id: string; revision: number }[],
): Promise<Map<string, MergeRequestCheck[]>> {
  if (requests.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.mergeRequestCheck.findMany({
    where: { OR: requests.map(({ id, revision }) => ({ mergeRequestId: id, revision })) },
    orderBy: { name: "asc" },
  });
  const byRequest = new Map<string, MergeRequestCheck[]>();
  for (const row of rows) {
    byRequest.set(row.mergeRequestId, [...(byRequest.get(row.mergeRequestId) ?? []), row]);
  }
  return byRequest;
}
