// The dashboard, cross-project search and saved searches against in-memory pubsub services and
// a real cache: what each viewer sees follows who may read each project.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { myWork } from "@/lib/forge/dashboard/my-work";
import { stopInstance } from "@/lib/forge/federation/instance";
import { blockPublisher } from "@/lib/forge/moderation/operations";
import { readableProjectIds } from "@/lib/forge/projects/access";
import { createProject, setMaintainer } from "@/lib/forge/projects/operations";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { ticketFields } from "@/lib/forge/testing/spam";
import { createTicket } from "@/lib/forge/tickets/operations";
import { searchAcrossProjects } from "./across";
import { listSavedSearches, removeSavedSearch, saveSearch } from "./saved";

const PUBLIC = `${HOME}/open-one`;
const PRIVATE = `${HOME}/closed-one`;

describe("across projects", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  const carol = viewer("carol@a.test");
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  beforeAll(async () => {
    await createProject(alice, projectForm("open-one"));
    await createProject(alice, projectForm("closed-one", { access: "whitelist" }));
    await setMaintainer(alice, PRIVATE, { jid: "carol@a.test", role: "member" });
    const assigned = (title: string) => ({
      ...ticketFields(title),
      labels: ["beacon"],
      assignees: ["bob@b.test", "carol@a.test"],
    });
    await createTicket(alice, PUBLIC, assigned("Public beacon"));
    await createTicket(alice, PRIVATE, assigned("Secret beacon"));
  });

  it("lists members-only projects only for their members", async () => {
    expect(await readableProjectIds(null)).toEqual([PUBLIC]);
    expect(await readableProjectIds(bob)).toEqual([PUBLIC]);
    expect((await readableProjectIds(carol)).sort()).toEqual([PRIVATE, PUBLIC].sort());
  });

  it("searches only what the viewer may read, whatever the query says", async () => {
    const titles = async (who: typeof bob | null, text: string) =>
      (await searchAcrossProjects(who, text)).tickets.map((ticket) => ticket.title).sort();
    expect(await titles(bob, "beacon")).toEqual(["Public beacon"]);
    expect(await titles(null, "label:beacon")).toEqual(["Public beacon"]);
    // Naming the project does not let a non-member in.
    expect(await titles(bob, `project:${PRIVATE} beacon`)).toEqual([]);
    expect(await titles(carol, "beacon")).toEqual(["Public beacon", "Secret beacon"]);
    expect(await titles(carol, `project:${PRIVATE} is:open`)).toEqual(["Secret beacon"]);
    expect(await titles(carol, "is:closed beacon")).toEqual([]);
    expect(await titles(carol, "author:alice@a.test assignee:carol@a.test")).toHaveLength(2);
    expect(await titles(carol, "author:bob@b.test beacon")).toEqual([]);
    expect(await titles(carol, "")).toEqual([]);
  });

  it("shows on the dashboard only what the viewer may read", async () => {
    expect((await myWork(bob)).assigned.map((ticket) => ticket.title)).toEqual(["Public beacon"]);
    expect((await myWork(bob)).recent.map((entry) => entry.item.title)).toEqual(["Public beacon"]);
    expect((await myWork(carol)).assigned.map((ticket) => ticket.title).sort()).toEqual([
      "Public beacon",
      "Secret beacon",
    ]);
    expect((await myWork(carol)).reviewRequests).toEqual([]);
  });

  it("leaves out what a project's blocks hide", async () => {
    await createTicket(bob, PUBLIC, { ...ticketFields("Spam beacon"), labels: ["beacon"] });
    expect((await searchAcrossProjects(alice, "spam")).tickets).toHaveLength(1);
    await blockPublisher(alice, PUBLIC, { target: "bob@b.test" });
    expect((await searchAcrossProjects(alice, "spam")).tickets).toHaveLength(0);
    expect((await searchAcrossProjects(alice, "beacon")).tickets).toHaveLength(2);
  });

  it("keeps saved searches per person", async () => {
    const saved = await saveSearch(carol, { name: "Mine", query: "assignee:carol@a.test" });
    expect(await listSavedSearches(carol)).toEqual([saved]);
    expect(await listSavedSearches(bob)).toEqual([]);
    await expect(removeSavedSearch(bob, saved.id)).rejects.toMatchObject({
      code: "saved-search-gone",
    });
    await expect(saveSearch(carol, { name: " ", query: "x" })).rejects.toThrow();
    await removeSavedSearch(carol, saved.id);
    expect(await listSavedSearches(carol)).toEqual([]);
  });
});
