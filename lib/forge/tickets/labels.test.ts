import { beforeAll, describe, expect, it } from "vitest";
import { upsertTickets } from "@/lib/cache/tickets";
import { testTicketRecord } from "@/lib/cache/testing/records";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import {
  cacheProject,
  CAPTURED_ID,
  CAPTURED_NODES,
  capturedContext,
  itemOf,
} from "@/lib/forge/testing/sync-items";
import { blockItemId, encodeBlock } from "@/lib/forge/moderation/codec";
import { moderationSync } from "@/lib/forge/moderation/sync";
import { newTicketForm } from "./codec";
import { labelsOfProject } from "./labels";
import { ticketSync } from "./sync";

const ticket = (id: string, labels: string[], publisher?: string) =>
  itemOf(
    id,
    newTicketForm({
      title: `Ticket ${id}`,
      author: "alice",
      authorJid: "alice@forge.test",
      commentsUri: "",
      created: "2026-12-01T00:00:00Z",
      labels,
    }),
    publisher,
  );

describe("labelsOfProject", () => {
  useCacheDatabase();
  beforeAll(() => cacheProject());

  it("answers from what it computed until the next change of the project", async () => {
    const context = capturedContext(CAPTURED_NODES.tickets);
    await ticketSync.applyItems(context, [ticket("t1", ["ui", "bug"]), ticket("t2", ["bug"])]);
    expect(await labelsOfProject(CAPTURED_ID)).toEqual(["bug", "ui"]);

    // A row written without a change announced (no sync does that) is not seen yet…
    await upsertTickets([testTicketRecord(9, ["docs"], { projectId: CAPTURED_ID })]);
    expect(await labelsOfProject(CAPTURED_ID)).toEqual(["bug", "ui"]);

    // …and the next change of the project, through sync and the bus, brings everything in.
    await ticketSync.applyItems(context, [ticket("t3", ["perf"])]);
    expect((await labelsOfProject(CAPTURED_ID)).toSorted()).toEqual(["bug", "docs", "perf", "ui"]);
  });

  it("stops suggesting a spammer's labels as soon as a maintainer blocks the spammer", async () => {
    const context = capturedContext(CAPTURED_NODES.tickets);
    await ticketSync.applyItems(context, [ticket("s1", ["casino"], "spam@evil.example")]);
    expect(await labelsOfProject(CAPTURED_ID)).toContain("casino");

    const block = {
      target: "spam@evil.example",
      by: "alice@forge.test",
      at: "2026-12-02T00:00:00Z",
    };
    const applied = await moderationSync.applyItems(capturedContext(CAPTURED_NODES.moderation), [
      itemOf(blockItemId(block.target), encodeBlock(block)),
    ]);
    expect(applied.applied).toBe(1);
    expect(await labelsOfProject(CAPTURED_ID)).not.toContain("casino");
  });
});
