// The wiki against an in-memory pubsub service and a real SQLite cache: saving, editing from a
// stale revision, renaming, deleting and restoring, and a project older than the wiki.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findWikiPage, wikiHistory } from "@/lib/cache/wiki";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { actionError } from "@/lib/http/action-result";
import { pageDigest, WikiConflictError } from "./state";
import {
  deleteWikiPage,
  renameWikiPage,
  restoreWikiRevision,
  saveWikiPage,
  startWikiPage,
} from "./operations";

const NODES = projectNodes("docs");

describe("wiki operations", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  let projectId: string;

  beforeAll(async () => {
    projectId = await createProject(alice, projectForm("docs"));
  }, 30_000);
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  /** What the editor form sends back: the page as the person opened it, and their text. */
  const base = (page: { revision: number; title: string; markdown: string } | null) => ({
    projectId,
    baseRevision: page?.revision ?? 0,
    baseDigest: page ? pageDigest(page) : "",
  });
  const cached = (slug: string) => findWikiPage(projectId, slug);
  const historyIds = () => [...pubsub.node(HOME, NODES.wikiHistory)!.items.keys()];
  const saved = (outcome: { slug: string; revision: number }) => {
    return outcome;
  };

  it("saves a new page: a history revision, then the page, both cached", async () => {
    const outcome = await saveWikiPage(alice, {
      ...base(null),
      slug: "",
      title: "Getting started",
      markdown: "Run `npm run up`.",
      summary: "First",
    });
    expect(outcome).toEqual({ slug: "getting-started", revision: 1 });
    expect([...pubsub.node(HOME, NODES.wiki)!.items.keys()]).toEqual(["getting-started"]);
    expect(historyIds()).toHaveLength(1);
    expect(pubsub.node(HOME, NODES.wiki)!.items.get("getting-started")!.toString()).toContain(
      "Run `npm run up`.",
    );
    expect(await cached("getting-started")).toMatchObject({
      title: "Getting started",
      markdown: "Run `npm run up`.",
      revision: 1,
      publisher: "alice@a.test",
    });
    expect((await wikiHistory(projectId, "getting-started")).map((r) => r.revision)).toEqual([1]);
  });

  it("says whether a titled page exists, and only to those who may read the project", async () => {
    expect(await startWikiPage(bob, projectId, "Getting started")).toEqual({
      slug: "getting-started",
      title: "Getting started",
      exists: true,
    });
    expect(await startWikiPage(bob, projectId, "Roadmap")).toMatchObject({ exists: false });

    const closed = await createProject(alice, projectForm("closed-wiki", { access: "whitelist" }));
    await saveWikiPage(alice, {
      projectId: closed,
      baseRevision: 0,
      baseDigest: "",
      slug: "",
      title: "Secret plans",
      markdown: "…",
      summary: "",
    });
    expect(await startWikiPage(alice, closed, "Secret plans")).toMatchObject({ exists: true });
    await expect(startWikiPage(bob, closed, "Secret plans")).rejects.toMatchObject({
      code: "project-gone",
    });
  });

  it("saves an edit as the next revision, and an unchanged text as no revision at all", async () => {
    const page = (await cached("getting-started"))!;
    const edit = { ...base(page), slug: "getting-started", title: page.title, summary: "" };
    expect(
      saved(await saveWikiPage(bob, { ...edit, markdown: "Run `npm run up`, then open it." })),
    ).toMatchObject({ revision: 2 });
    expect((await cached("getting-started"))?.publisher).toBe("bob@b.test");

    const now = (await cached("getting-started"))!;
    const again = await saveWikiPage(bob, {
      ...base(now),
      ...edit,
      ...base(now),
      markdown: now.markdown,
    });
    expect(again).toEqual({ slug: "getting-started", revision: 2 });
    expect(historyIds()).toHaveLength(2);
  });

  it("returns a conflict, publishing nothing, when the page changed since the editor opened it", async () => {
    const stale = { revision: 1, title: "Getting started", markdown: "Run `npm run up`." };
    const before = historyIds();
    const outcome = await saveWikiPage(alice, {
      ...base(stale),
      slug: "getting-started",
      title: "Getting started",
      markdown: "My version",
      summary: "",
    }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(WikiConflictError);
    if (!(outcome instanceof WikiConflictError)) return;
    expect(outcome.conflict.theirs).toMatchObject({
      revision: 2,
      publisher: "bob@b.test",
      markdown: "Run `npm run up`, then open it.",
      deleted: false,
    });
    expect(historyIds()).toEqual(before);
    expect((await cached("getting-started"))?.markdown).toBe("Run `npm run up`, then open it.");
    // Saving over their version from what the conflict says goes through.
    const resolved = await saveWikiPage(alice, {
      projectId,
      baseRevision: outcome.conflict.base.revision,
      baseDigest: outcome.conflict.base.digest,
      slug: "getting-started",
      title: "Getting started",
      markdown: "My version",
      summary: "Merged",
    });
    expect(saved(resolved).revision).toBe(3);
  });

  it("refuses to create a page whose name is taken", async () => {
    const outcome = saveWikiPage(bob, {
      ...base(null),
      slug: "",
      title: "Getting Started",
      markdown: "Mine",
      summary: "",
    });
    await expect(outcome).rejects.toBeInstanceOf(WikiConflictError);
    expect((await cached("getting-started"))?.markdown).toBe("My version");
  });

  it("restores an old revision as a new one on top", async () => {
    const revision = await restoreWikiRevision(bob, {
      projectId,
      slug: "getting-started",
      source: "getting-started",
      revision: 1,
    });
    expect(revision).toBe(4);
    expect(await cached("getting-started")).toMatchObject({
      markdown: "Run `npm run up`.",
      revision: 4,
      summary: "Restored revision 1",
    });
    await expect(
      restoreWikiRevision(bob, {
        projectId,
        slug: "getting-started",
        source: "getting-started",
        revision: 1,
      }),
    ).rejects.toMatchObject({ code: "revision-is-current" });
  });

  it("renames a page: it moves to its new name, and the old name's history says where", async () => {
    const page = (await cached("getting-started"))!;
    const stale = await renameWikiPage(alice, {
      ...base({ ...page, revision: 3 }),
      slug: "getting-started",
      title: "Install",
    }).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(WikiConflictError);
    expect(stale).toMatchObject({ code: "edit-conflict", data: { revision: 4, deleted: false } });
    expect(actionError(stale).message).toMatch(/saved revision 4 since you opened this page/);

    const target = await renameWikiPage(alice, {
      ...base(page),
      slug: "getting-started",
      title: "Install",
    });
    expect(target).toBe("install");
    expect([...pubsub.node(HOME, NODES.wiki)!.items.keys()]).toEqual(["install"]);
    expect(await cached("getting-started")).toBeNull();
    expect(await cached("install")).toMatchObject({ title: "Install", markdown: page.markdown });
    const oldHistory = await wikiHistory(projectId, "getting-started"); // newest first
    expect(oldHistory[0]).toMatchObject({ deleted: true, movedTo: "install" });
    expect((await wikiHistory(projectId, "install"))[0]).toMatchObject({
      renamedFrom: "getting-started",
    });
  });

  it("deletes a page only for maintainers, and only from the version they saw", async () => {
    const page = (await cached("install"))!;
    await expect(
      deleteWikiPage(alice, { ...base({ ...page, markdown: "older text" }), slug: "install" }),
    ).rejects.toMatchObject({ code: "edit-conflict", data: { deleted: false } });
    // Retracting is the service's decision: Prosody leaves it to publishers and owners.
    await expect(deleteWikiPage(bob, { ...base(page), slug: "install" })).rejects.toThrow(
      /permission/,
    );
    expect(await cached("install")).not.toBeNull();
    expect((await wikiHistory(projectId, "install"))[0]?.deleted).toBe(false);

    await deleteWikiPage(alice, { ...base(page), slug: "install", summary: "Obsolete" });
    expect(pubsub.node(HOME, NODES.wiki)!.items.size).toBe(0);
    expect(await cached("install")).toBeNull();
    expect((await wikiHistory(projectId, "install"))[0]).toMatchObject({
      deleted: true,
      publisher: "alice@a.test",
      summary: "Obsolete",
    });
    await expect(deleteWikiPage(alice, { ...base(page), slug: "install" })).rejects.toThrow();
  });

  it("creates the wiki nodes of an older project on its owner's first save, and only then", async () => {
    const older = await createProject(alice, projectForm("older"));
    const nodes = projectNodes("older");
    pubsub.removeNode(HOME, nodes.wiki);
    pubsub.removeNode(HOME, nodes.wikiHistory);
    const first = { projectId: older, baseRevision: 0, baseDigest: "", slug: "", summary: "" };

    await expect(
      saveWikiPage(bob, { ...first, title: "Home", markdown: "Hi" }),
    ).rejects.toMatchObject({ code: "no-wiki" });
    expect(pubsub.node(HOME, nodes.wiki)).toBeUndefined();

    expect(saved(await saveWikiPage(alice, { ...first, title: "Home", markdown: "Hi" })).slug).toBe(
      "home",
    );
    expect(pubsub.node(HOME, nodes.wiki)!.affiliations.get("alice@a.test")).toBe("owner");
    expect(pubsub.node(HOME, nodes.wiki)!.config["pubsub#publish_model"]).toBe("open");
    expect((await findWikiPage(older, "home"))?.markdown).toBe("Hi");
  });
});
