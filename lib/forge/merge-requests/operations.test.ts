// Merge requests against an in-memory pubsub service, a real SQLite cache and real Git
// repositories: opening one from a patch, new revisions, status changes, and merging into the
// project's own repository (refused to non-maintainers and for a series that does not apply).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findMergeRequest, listRevisions } from "@/lib/cache/merge-requests";
import { findTicket } from "@/lib/cache/tickets";
import { createTicket } from "@/lib/forge/tickets/operations";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "@/lib/scm/testing/repos";
import { actionError } from "@/lib/http/action-result";
import { parseDataForm } from "@/lib/xmpp/dataform";
import type { Element } from "@xmpp/xml";
import { deleteItem } from "@/lib/forge/moderation/operations";
import { mergeMergeRequest } from "./merge";
import { setMergeStrategies } from "@/lib/forge/projects/merge-strategies";
import { MERGE_STRATEGIES } from "@/lib/scm/types";
import { pinOf } from "./pin";
import {
  addRevision,
  MAX_PATCH_BYTES,
  openMergeRequest,
  previewFromPatch,
  setMergeRequestDraft,
  setMergeRequestStatus,
} from "./operations";

const NODES = projectNodes("code");

function fields(payload: Element | undefined): Record<string, string> {
  if (!payload) throw new Error("no payload");
  const form = parseDataForm(payload);
  return Object.fromEntries(form.fields.map((f) => [f.var ?? "", f.values.join("\n")]));
}

/** The project's upstream, and a patch of one commit on top of its main branch. */
function upstreamWithPatches() {
  const upstream = tempDir("mr-upstream");
  git(upstream, ["init", "-q", "-b", "main"]);
  writeFiles(upstream, { "README.md": "hello\n" });
  gitCommit(upstream, "Start", "Alice <alice@a.test>", "2026-01-01T00:00:00Z");
  const patchOf = (name: string, files: Record<string, string>, message: string) => {
    const fork = tempDir(`mr-fork-${name}`);
    git(fork, ["clone", "-q", "--no-local", upstream, "."]);
    writeFiles(fork, files);
    gitCommit(fork, message, `${name} <${name}@b.test>`, "2026-01-02T00:00:00Z");
    return git(fork, ["format-patch", "--stdout", "-1", "main"]);
  };
  return { upstream, patchOf };
}

const noFields = { title: "", bodyMarkdown: "", labels: [] };

/** What the merge request's page shows, as its Merge button sends it. */
async function shownPin(mergeRequestId: string) {
  const request = (await findMergeRequest(mergeRequestId))!;
  const revision = (await listRevisions(mergeRequestId)).find(
    (r) => r.revision === request.revision,
  )!;
  return pinOf(revision.revision, revision.patch);
}

describe("merge request operations", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  let projectId: string;
  let repo: ReturnType<typeof upstreamWithPatches>;
  let savedMirrorDir: string | undefined;
  let savedAllow: string | undefined;

  beforeAll(async () => {
    savedMirrorDir = process.env.PUBFORGE_MIRROR_DIR;
    process.env.PUBFORGE_MIRROR_DIR = tempDir("mr-mirrors");
    repo = upstreamWithPatches();
    // The project's repository is a local directory: the operator's allow-list must name it
    // before the first config() reads the environment.
    savedAllow = process.env.PUBFORGE_REPOSITORY_ALLOW;
    process.env.PUBFORGE_REPOSITORY_ALLOW = repo.upstream;
    projectId = await createProject(alice, projectForm("code", { cloneUrl: repo.upstream }));
  }, 30_000);
  afterAll(async () => {
    await stopInstance();
    if (savedMirrorDir === undefined) delete process.env.PUBFORGE_MIRROR_DIR;
    else process.env.PUBFORGE_MIRROR_DIR = savedMirrorDir;
    if (savedAllow === undefined) delete process.env.PUBFORGE_REPOSITORY_ALLOW;
    else process.env.PUBFORGE_REPOSITORY_ALLOW = savedAllow;
    removeTempDirs();
  });
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  const open = async (patch: string, who = bob) => {
    const preview = previewFromPatch("git", patch);
    return openMergeRequest(who, projectId, preview, { targetBranch: "main" }, noFields);
  };

  it("publishes a merge request and its first revision, and caches both", async () => {
    const patch = repo.patchOf(
      "bob",
      { "docs/GUIDE.md": "guide\n" },
      "Add a guide\n\nFor newcomers.",
    );
    const { id, number } = await open(patch);
    expect(number).toBe(1);
    const cached = (await findMergeRequest(id))!;
    const item = pubsub.node(HOME, NODES.mergeRequests)!.items.get(cached.itemId)!;
    expect(item.attrs.publisher).toBe("bob@b.test");
    // Title and description default from the commit, as Libervia does.
    expect(fields(item.getChildElements()[0])).toMatchObject({
      title: "Add a guide",
      author_jid: "bob@b.test",
      status: "queued",
    });
    // Stored one value per line without the final newline, and read back exactly.
    expect(cached).toMatchObject({ title: "Add a guide", number: 1, revision: 1 });
    expect(cached.patch).toBe(patch);
    const revision = pubsub.payloads(HOME, NODES.mergeRequestRevisions).get(`${cached.itemId}_r1`);
    expect(revision?.toString()).toContain("docs/GUIDE.md");
    expect((await listRevisions(id)).map((r) => r.revision)).toEqual([1]);
  });

  it("refuses patches it cannot use before publishing anything", () => {
    const refusal = (text: string) => {
      try {
        previewFromPatch("git", text);
      } catch (error) {
        return error;
      }
      throw new Error("the patch was accepted");
    };
    expect(refusal("hello, not a patch")).toMatchObject({ code: "unreadable-patch" });
    const hgPatch = "# HG changeset patch\n# User Bob <bob@b.test>\n\ndiff -r 000 a\n";
    const mismatch = refusal(hgPatch);
    expect(mismatch).toMatchObject({
      code: "patch-scm-mismatch",
      data: { patch: "hg", project: "git" },
    });
    expect(actionError(mismatch).message).toBe(
      "This is a Mercurial patch, but the project uses Git.",
    );
    const tooLarge = refusal("x".repeat(MAX_PATCH_BYTES + 1));
    expect(tooLarge).toMatchObject({ code: "patch-too-large" });
    expect(actionError(tooLarge).message).toBe("The patch is larger than 5 MB.");
  });

  it("refuses a series that has not changed since the last revision", async () => {
    const patch = repo.patchOf("same", { "same.txt": "same\n" }, "Add same");
    const { id } = await open(patch);
    const refusal = await addRevision(bob, id, previewFromPatch("git", patch)).catch(
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ code: "series-unchanged" });
    expect(actionError(refusal).message).toMatch(/has not changed/);
    expect((await findMergeRequest(id))?.revision).toBe(1);
  });

  it("adds a changed series as the next revision", async () => {
    const first = repo.patchOf("rev", { "a.txt": "one\n" }, "Add a");
    const { id } = await open(first);
    // Copied from a terminal: without the blank line and the newline that end it.
    const unchanged = previewFromPatch("git", first.replace(/\n+$/, ""));
    await expect(addRevision(bob, id, unchanged)).rejects.toMatchObject({
      code: "series-unchanged",
    });
    const second = repo.patchOf("rev2", { "a.txt": "two\n" }, "Add a");
    expect(await addRevision(bob, id, previewFromPatch("git", second))).toBe(2);
    const cached = (await findMergeRequest(id))!;
    expect(cached).toMatchObject({ revision: 2, patch: second });
    expect(fields(pubsub.payloads(HOME, NODES.mergeRequests).get(cached.itemId))).toMatchObject({
      title: "Add a",
    });
    expect(pubsub.payloads(HOME, NODES.mergeRequestRevisions).has(`${cached.itemId}_r2`)).toBe(
      true,
    );
    expect((await listRevisions(id)).map((r) => r.revision)).toEqual([1, 2]);

    await setMergeRequestStatus(bob, id, "closed");
    expect((await findMergeRequest(id))?.status).toBe("closed");
    await expect(setMergeRequestStatus(bob, id, "merged")).rejects.toThrow();
  });

  it("deletes a merge request for a maintainer with every revision it carried", async () => {
    const { id } = await open(repo.patchOf("gone", { "g.txt": "one\n" }, "Add g"));
    await addRevision(
      bob,
      id,
      previewFromPatch("git", repo.patchOf("gone2", { "g.txt": "2\n" }, "Add g")),
    );
    const { itemId } = (await findMergeRequest(id))!;
    await deleteItem(alice, projectId, { kind: "merge-request", id });
    const revisions = pubsub.payloads(HOME, NODES.mergeRequestRevisions);
    expect([`${itemId}_r1`, `${itemId}_r2`].filter((rev) => revisions.has(rev))).toEqual([]);
    expect(await findMergeRequest(id)).toBeNull();
  });

  it("merges only for maintainers, applying the series onto the project's repository", async () => {
    const patch = repo.patchOf("merge", { "src/main.c": "int main;\n" }, "Add main");
    const { id } = await open(patch);
    const cached = (await findMergeRequest(id))!;

    await expect(mergeMergeRequest(bob, id, await shownPin(id), "rebase")).rejects.toMatchObject({
      code: "not-maintainer",
    });
    expect(pubsub.node(HOME, NODES.merges)!.items.size).toBe(0);

    const revisions = await mergeMergeRequest(alice, id, await shownPin(id), "rebase");
    expect(revisions).toHaveLength(1);
    const dir = projectRepositoryDir({ service: HOME, slug: "code", scm: "git" });
    expect(git(dir, ["rev-parse", "main"]).trim()).toBe(revisions[0]);
    expect(git(dir, ["show", "main:src/main.c"])).toBe("int main;\n");
    expect(git(dir, ["log", "-1", "--format=%an <%ae>", "main"]).trim()).toBe(
      "merge <merge@b.test>",
    );

    const record = fields(pubsub.payloads(HOME, NODES.merges).get(cached.itemId));
    expect(record).toMatchObject({
      merge_request: cached.itemId,
      merged_by: "alice@a.test",
      merged_revisions: revisions[0],
    });
    expect(await findMergeRequest(id)).toMatchObject({
      status: "merged",
      mergedRevisions: JSON.stringify(revisions),
    });
    await expect(mergeMergeRequest(alice, id, await shownPin(id), "rebase")).rejects.toMatchObject({
      code: "already-merged",
    });
  });

  it("opens a draft, which is not merged until its author marks it ready", async () => {
    const preview = previewFromPatch("git", repo.patchOf("draft", { DRAFT: "x\n" }, "Drafty"));
    const { id } = await openMergeRequest(
      bob,
      projectId,
      preview,
      { targetBranch: "main" },
      { ...noFields, draft: true },
    );
    const cached = (await findMergeRequest(id))!;
    expect(cached.title).toBe("Draft: Drafty");
    await expect(mergeMergeRequest(alice, id, await shownPin(id), "rebase")).rejects.toMatchObject({
      code: "merge-blocked",
      data: { blockers: [{ rule: "draft" }] },
    });
    expect(pubsub.node(HOME, NODES.merges)?.items.has(cached.itemId)).toBe(false);

    // A hand-made form's value is refused before anything is published.
    await expect(setMergeRequestDraft(bob, id, "banana")).rejects.toThrow();
    expect(
      fields(
        pubsub.node(HOME, NODES.mergeRequests)!.items.get(cached.itemId)!.getChildElements()[0],
      ).title,
    ).toBe("Draft: Drafty");
    await setMergeRequestDraft(bob, id, "false");
    const item = pubsub.node(HOME, NODES.mergeRequests)!.items.get(cached.itemId)!;
    expect(fields(item.getChildElements()[0]).title).toBe("Drafty");
    expect(await mergeMergeRequest(alice, id, await shownPin(id), "rebase")).toHaveLength(1);
  });

  it("closes the tickets its commits say it fixes when merged, and only those", async () => {
    const ticket = (title: string) =>
      createTicket(alice, projectId, {
        ...{ title, bodyMarkdown: "", type: "bug", status: "queued", priority: "normal" },
        ...{ labels: [], assignees: [], milestone: "" },
      });
    const [fixed, mentioned] = [await ticket("Crash"), await ticket("Slow")];
    const message = `Guard the parser\n\nFixes #${fixed.number}, see #${mentioned.number}.`;
    const { id } = await open(repo.patchOf("closes", { GUARD: "on\n" }, message));
    await mergeMergeRequest(alice, id, await shownPin(id), "rebase");
    expect((await findTicket(fixed.id))?.status).toBe("closed");
    expect((await findTicket(mentioned.id))?.status).toBe("queued");
  });

  it("merges only the revision the page showed", async () => {
    const { id } = await open(repo.patchOf("pin", { PIN: "one\n" }, "Pin one"));
    const shown = await shownPin(id);
    await addRevision(
      bob,
      id,
      previewFromPatch("git", repo.patchOf("pin2", { PIN: "two\n" }, "Pin two")),
    );
    await expect(mergeMergeRequest(alice, id, shown, "rebase")).rejects.toMatchObject({
      code: "changed-since-shown",
      data: { revision: 2 },
    });
    const { itemId } = (await findMergeRequest(id))!;
    expect(pubsub.node(HOME, NODES.merges)?.items.has(itemId)).toBe(false);
    expect(await mergeMergeRequest(alice, id, await shownPin(id), "rebase")).toHaveLength(1);
  });

  it("refuses to merge a revision a stranger added until a maintainer has judged it", async () => {
    const mallory = viewer("mallory@evil.test");
    const { id } = await open(repo.patchOf("flag", { FLAG: "one\n" }, "Flag one"));
    await addRevision(
      mallory,
      id,
      previewFromPatch("git", repo.patchOf("flag2", { FLAG: "two\n" }, "Flag two")),
    );
    const refused = mergeMergeRequest(alice, id, await shownPin(id), "rebase");
    await expect(refused).rejects.toMatchObject({
      code: "flagged-before-merge",
      data: { by: "mallory@evil.test" },
    });
    const { itemId } = (await findMergeRequest(id))!;
    expect(pubsub.node(HOME, NODES.merges)?.items.has(itemId)).toBe(false);
  });

  it("refuses a series that conflicts with an earlier merge, leaving everything as it was", async () => {
    const first = repo.patchOf("one", { "README.md": "hello from one\n" }, "Greet one");
    const second = repo.patchOf("two", { "README.md": "hello from two\n" }, "Greet two");
    const { id: one } = await open(first);
    const { id: two } = await open(second);
    await mergeMergeRequest(alice, one, await shownPin(one), "rebase");
    const dir = projectRepositoryDir({ service: HOME, slug: "code", scm: "git" });
    const tip = git(dir, ["rev-parse", "main"]);

    await expect(mergeMergeRequest(alice, two, await shownPin(two), "rebase")).rejects.toThrow(
      /README\.md/,
    );
    expect(git(dir, ["rev-parse", "main"])).toBe(tip);
    expect(git(dir, ["show", "main:README.md"])).toBe("hello from one\n");
    const twoItem = (await findMergeRequest(two))!;
    expect(twoItem.status).toBe("queued");
    expect(pubsub.node(HOME, NODES.merges)!.items.has(twoItem.itemId)).toBe(false);
  });

  it("refuses a strategy the project does not allow, before anything is written", async () => {
    await setMergeStrategies(alice, projectId, { strategies: ["squash"] });
    const { id } = await open(repo.patchOf("strict", { STRICT: "1\n" }, "Strict"));
    await expect(mergeMergeRequest(alice, id, await shownPin(id), "rebase")).rejects.toMatchObject({
      code: "strategy-not-allowed",
    });
    expect(pubsub.node(HOME, NODES.merges)!.items.has((await findMergeRequest(id))!.itemId)).toBe(
      false,
    );
    const revisions = await mergeMergeRequest(alice, id, await shownPin(id), "squash");
    const dir = projectRepositoryDir({ service: HOME, slug: "code", scm: "git" });
    expect(git(dir, ["log", "-1", "--format=%s", "main"]).trim()).toBe("Strict");
    expect(revisions).toHaveLength(1);
    await expect(setMergeStrategies(bob, projectId, { strategies: ["merge"] })).rejects.toThrow();
    await setMergeStrategies(alice, projectId, { strategies: [...MERGE_STRATEGIES] });
  });
});
