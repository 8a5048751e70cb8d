// Pushes to refs/for/ as the proc-receive hook hands them over, against an in-memory pubsub
// service, a real SQLite cache and a real bare Git repository: the merge request and its
// revisions are published as the pusher, and each revision's commits are kept under
// revisionRef(); what may not be pushed is refused with a reason Git prints.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { loadProject } from "@/lib/forge/projects/load-project";
import { ForgeError } from "@/lib/forge/errors";
import { stopInstance } from "@/lib/forge/federation/instance";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { projectNodes } from "@/lib/forge/nodes";
import { itemKey } from "@/lib/forge/routes";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import type { Viewer } from "@/lib/forge/viewer";
import { actionError } from "@/lib/http/action-result";
import type { ProcReceivePush } from "@/lib/scm/proc-receive";
import { git, gitCommit, removeTempDirs, tempDir, writeFiles } from "@/lib/scm/testing/repos";
import { countNewCommits } from "@/lib/scm/git-commands/pushed-refs";
import { agitHandler } from "./agit";
import { revisionRef } from "./revision-refs";

const ZERO = "0".repeat(40);

describe("a push to refs/for/", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  let projectId = "";
  let server = "";
  let work = "";

  beforeAll(async () => {
    server = tempDir("agit-server");
    git(server, ["init", "-q", "--bare", "-b", "main"]);
    work = tempDir("agit-work");
    git(work, ["init", "-q", "-b", "main"]);
    writeFiles(work, { "README.md": "hello\n" });
    gitCommit(work, "Start", "Alice <alice@a.test>", "2026-01-01T00:00:00Z");
    git(work, ["push", "-q", server, "main"]);
    projectId = await createProject(alice, projectForm("code", { cloneUrl: "" }));
  });
  afterAll(async () => {
    await stopInstance();
    removeTempDirs();
  });
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  /** A new commit of bob's, brought into the server as receive-pack would, unreferenced. */
  function bobCommits(file: string, message: string): string {
    writeFiles(work, { [file]: `${message}\n` });
    gitCommit(work, message, "Bob <bob@b.test>", "2026-01-02T00:00:00Z");
    git(work, ["push", "-q", server, "HEAD:refs/heads/incoming"]);
    git(server, ["update-ref", "-d", "refs/heads/incoming"]);
    return git(work, ["rev-parse", "HEAD"]).trim();
  }

  async function push(
    who: Viewer | (() => never),
    received: ProcReceivePush,
    mayUpdateBranches = false,
  ) {
    const said: string[] = [];
    const handler = agitHandler({
      project: await loadProject(projectId),
      dir: server,
      pusher: typeof who === "function" ? "dave@b.test" : who.jid,
      mayUpdateBranches,
      publisher: async () =>
        typeof who === "function" ? who() : { viewer: who, release: async () => {} },
      origin: "https://forge.a.test",
      explain: (error) => actionError(error).message,
    });
    const results = await handler(received, (line) => said.push(line));
    return { results, said };
  }

  const forMain = (newOid: string, ref = "refs/for/main") => ({ oldOid: ZERO, newOid, ref });

  it("opens a merge request as the pusher, then adds revisions, keeping each one's commits", async () => {
    const first = bobCommits("a.txt", "Add a\n\nFrom the commit.");
    const opened = await push(bob, {
      commands: [forMain(first)],
      pushOptions: ["title=Add the letter a", "description=Pushed from a terminal."],
    });
    expect(opened.results).toEqual([{ ref: "refs/for/main", ok: true }]);
    expect(opened.said).toEqual([
      "Merge request !1 opened: https://forge.a.test/p/pubsub.a.test/code/mr/1",
    ]);
    const node = projectNodes("code").mergeRequests;
    const [itemId, item] = [...pubsub.node(HOME, node)!.items.entries()][0]!;
    expect(item.attrs.publisher).toBe("bob@b.test");
    const id = itemKey(HOME, node, itemId);
    const cached = (await findMergeRequest(id))!;
    expect(cached).toMatchObject({
      title: "Add the letter a",
      bodyMarkdown: "Pushed from a terminal.",
      authorJid: "bob@b.test",
      sourceRef: "refs/for/main",
      targetBranch: "main",
      revision: 1,
    });
    expect(git(server, ["rev-parse", revisionRef(itemId, 1)]).trim()).toBe(first);

    const second = bobCommits("b.txt", "Add b");
    const revised = await push(bob, { commands: [forMain(second)], pushOptions: [] });
    expect(revised.results).toEqual([{ ref: "refs/for/main", ok: true }]);
    expect(revised.said).toEqual([
      "Revision 2 of merge request !1: https://forge.a.test/p/pubsub.a.test/code/mr/1",
    ]);
    expect((await findMergeRequest(id))!.revision).toBe(2);
    expect(git(server, ["rev-parse", revisionRef(itemId, 2)]).trim()).toBe(second);
    // Another topic is another merge request.
    const topic = await push(bob, {
      commands: [forMain(second, "refs/for/main/other")],
      pushOptions: [],
    });
    expect(topic.said[0]).toMatch(/^Merge request !2 opened: /);
  });

  it("refuses branches to non-maintainers, unknown targets, deletions and tokens without a session", async () => {
    const head = git(work, ["rev-parse", "HEAD"]).trim();
    const { results } = await push(bob, {
      commands: [
        forMain(head, "refs/heads/main"),
        forMain(head, "refs/for/nope/topic"),
        { oldOid: head, newOid: ZERO, ref: "refs/for/main" },
      ],
      pushOptions: [],
    });
    expect(results).toEqual([
      {
        ref: "refs/heads/main",
        ok: false,
        reason:
          "bob@b.test is not a maintainer of Project code: only maintainers update branches and tags; push to refs/for/<branch> to open a merge request",
      },
      {
        ref: "refs/for/nope/topic",
        ok: false,
        reason: "There is no branch “nope/topic” to open a merge request against.",
      },
      { ref: "refs/for/main", ok: false, reason: "there is nothing to delete under refs/for/" },
    ]);
    // Histories are counted only as far as the cap, before any patch is written.
    expect(await countNewCommits(server, git(server, ["rev-parse", "main"]).trim(), head, 1)).toBe(
      2,
    );
    const third = bobCommits("c.txt", "Add c");
    const token = await push(
      () => {
        throw new ForgeError("push-needs-session", { instance: "https://forge.a.test" });
      },
      { commands: [forMain(third)], pushOptions: [] },
    );
    expect(token.results[0]).toMatchObject({
      ok: false,
      reason: expect.stringContaining("An access token alone does not publish in your name"),
    });
  });
});
