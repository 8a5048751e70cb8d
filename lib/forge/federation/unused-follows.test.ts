// Follows nobody uses are dropped: the instance unsubscribes from remote projects no signed-in
// viewer opened for a while, never from its own service's projects or mirrored ones.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { findProject, markOpened } from "@/lib/cache/projects";
import { findTicket } from "@/lib/cache/tickets";
import { projectContentNodes, projectNodes } from "@/lib/forge/nodes";
import { createProject, mirrorProject } from "@/lib/forge/projects/operations";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { createTicket } from "@/lib/forge/tickets/operations";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { stopInstance } from "./instance";
import { dropUnusedFollows, followAgain } from "./unused-follows";
import { ticketFields } from "@/lib/forge/testing/spam";

const DAY_MS = 24 * 60 * 60_000;
const later = (days: number) => new Date(Date.now() + days * DAY_MS);
const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 10_000 });

describe("unused follows", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const remoteOwner = viewer("forge@b.test");
  const alice = viewer("alice@a.test");
  const subscribed = (service: string, node: string) =>
    pubsub.node(service, node)?.subscribers.has("forge@a.test") ?? false;
  const followsAll = (slug: string, service = ELSEWHERE) =>
    projectContentNodes(slug).every((node) => subscribed(service, node));
  let thread: { jid: string; node?: string };

  beforeAll(async () => {
    for (const slug of ["quiet", "busy", "copied"]) {
      await createProject(remoteOwner, projectForm(slug, { service: ELSEWHERE }));
    }
    await createProject(alice, projectForm("local"));
    const { id } = await createTicket(
      viewer("bob@b.test"),
      `${ELSEWHERE}/quiet`,
      ticketFields("A thread"),
    );
    thread = parseXmppUri((await findTicket(id))!.commentsUri)!;
    await eventually(() => expect(subscribed(thread.jid, thread.node!)).toBe(true));
    await mirrorProject(remoteOwner, `${ELSEWHERE}/copied`);
    // Someone signed in opened "busy" yesterday (as seen 40 days from now).
    await markOpened(`${ELSEWHERE}/busy`, later(39));
  });
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("drops only remote, unmirrored projects nobody signed in opened for the set days", async () => {
    expect(followsAll("quiet")).toBe(true);
    expect(await dropUnusedFollows(later(20), 30)).toEqual([]);
    expect(await dropUnusedFollows(later(40), 30)).toEqual([`${ELSEWHERE}/quiet`]);

    expect((await findProject(`${ELSEWHERE}/quiet`))?.followed).toBe(false);
    for (const node of projectContentNodes("quiet")) {
      expect(subscribed(ELSEWHERE, node), node).toBe(false);
    }
    expect(subscribed(thread.jid, thread.node!)).toBe(false);
    for (const [slug, service] of [
      ["busy", ELSEWHERE],
      ["copied", ELSEWHERE],
      ["local", HOME],
    ] as const) {
      expect((await findProject(`${service}/${slug}`))?.followed, slug).toBe(true);
      expect(followsAll(slug, service), slug).toBe(true);
    }

    // What happens there no longer reaches this instance.
    const tickets = projectNodes("quiet").tickets;
    pubsub.publishAs("carol@b.test", ELSEWHERE, tickets, "late", liberviaFixture("d1_minimal.xml"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await findTicket(`${ELSEWHERE}/${tickets}/late`)).toBeNull();
  });

  it("keeps a follow while the home does not answer, and drops it once it does", async () => {
    pubsub.unreachable.add(ELSEWHERE);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await dropUnusedFollows(later(100), 30)).toEqual([]);
    warn.mockRestore();
    expect((await findProject(`${ELSEWHERE}/busy`))?.followed).toBe(true);
    pubsub.unreachable.delete(ELSEWHERE);
    expect(await dropUnusedFollows(later(100), 30)).toEqual([`${ELSEWHERE}/busy`]);
  });

  it("follows a dropped project again when someone signed in opens it", async () => {
    const quiet = { id: `${ELSEWHERE}/quiet`, service: ELSEWHERE, slug: "quiet" };
    followAgain(viewer("dave@a.test"), quiet);
    followAgain(viewer("dave@a.test"), quiet); // a second page meanwhile: one attempt
    await eventually(async () => expect((await findProject(quiet.id))?.followed).toBe(true));
    expect(followsAll("quiet")).toBe(true);
    expect(await findTicket(`${ELSEWHERE}/${projectNodes("quiet").tickets}/late`)).not.toBeNull();
  });
});
