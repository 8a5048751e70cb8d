// Applying suggestions against an in-memory pubsub service, a real cache and the project's real
// hosted Git repository. On a merge request from one of that repository's branches the commit
// lands on the branch, as a push would, so only a maintainer may apply there, whichever branch
// the item's source_ref names; on one from elsewhere its author still may (a new revision only).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listComments } from "@/lib/cache/comments";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { addComment } from "@/lib/forge/comments/operations";
import { stopInstance } from "@/lib/forge/federation/instance";
import {
  openMergeRequest,
  previewFromPatch,
  previewFromSource,
  type SeriesPreview,
  type Source,
} from "@/lib/forge/merge-requests/operations";
import { repositoryOf } from "@/lib/forge/merge-requests/merge";
import { loadProject } from "@/lib/forge/projects/load-project";
import { createProject } from "@/lib/forge/projects/operations";
import { projectRepositoryDir } from "@/lib/forge/repositories/mirrors";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { fakeForge, projectForm } from "@/lib/forge/testing/fake-forge";
import {
  git,
  gitCommit,
  removeTempDirs,
  tempDir,
  topicRepository,
  writeFiles,
} from "@/lib/scm/testing/repos";
import { NS_PUBSUB } from "@/lib/xmpp/pubsub";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { appliedOf } from "./applied";
import { applySuggestions } from "./apply";

const noFields = { title: "", bodyMarkdown: "", labels: [] };

describe("applying suggestions", { timeout: 60_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test"); // created the project: its maintainer
  const bob = viewer("bob@b.test"); // a contributor, who opens every merge request here
  const carol = viewer("carol@b.test"); // a reviewer, who suggests
  let projectId = "";
  let cloneUrl = "";
  let hosted = "";
  let savedMirrorDir: string | undefined;
  /** Bob's merge request from the hosted branch topic into main, and its suggestion. */
  let fromTopic: Awaited<ReturnType<typeof openWithSuggestion>>;

  beforeAll(async () => {
    savedMirrorDir = process.env.PUBFORGE_MIRROR_DIR;
    process.env.PUBFORGE_MIRROR_DIR = tempDir("apply-mirrors");
    projectId = await createProject(alice, projectForm("apply", { repository: "here" }), {
      origin: "https://forge.a.test",
    });
    const project = await loadProject(projectId);
    cloneUrl = project.cloneUrl;
    // stable: Base; topic: Base + "Add four" (src/a.txt); main: Base + "Add b" (src/b.txt).
    const work = topicRepository("apply-work");
    git(work, ["branch", "stable", "main"]);
    git(work, ["checkout", "-q", "main"]);
    writeFiles(work, { "src/b.txt": "bee\n" });
    gitCommit(work, "Add b", "Alice <alice@a.test>", "2026-01-03T09:00:00+01:00");
    hosted = projectRepositoryDir(repositoryOf(project));
    git(work, ["clone", "-q", "--bare", ".", hosted]);
    fromTopic = await openWithSuggestion(
      { sourceUrl: cloneUrl, sourceRef: "topic", targetBranch: "main" },
      "src/a.txt",
      4,
    );
  });
  afterAll(async () => {
    await stopInstance();
    if (savedMirrorDir === undefined) delete process.env.PUBFORGE_MIRROR_DIR;
    else process.env.PUBFORGE_MIRROR_DIR = savedMirrorDir;
    removeTempDirs();
  });
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  /**
   * Bob's merge request of `source` (its series read from the source, unless `preview` is
   * given), and Carol's suggestion replacing line `line` of `file` on revision 1.
   */
  async function openWithSuggestion(
    source: Source,
    file: string,
    line: number,
    preview?: SeriesPreview,
  ) {
    const series = preview ?? (await previewFromSource(projectId, source));
    const { id } = await openMergeRequest(bob, projectId, series, source, noFields);
    const suggestion = ["Louder:", "```suggestion", "SUGGESTED", "```"].join("\n");
    await addComment(carol, id, suggestion, { file, side: "new", line, revision: 1 });
    const { jid, node } = parseXmppUri((await findMergeRequest(id))!.commentsUri)!;
    const [comment] = await listComments(projectId, jid, node!);
    return { id, series, commentId: comment!.id, comments: { jid, node: node! } };
  }

  const tipOf = (branch: string) => git(hosted, ["rev-parse", branch]).trim();
  const publishes = () =>
    pubsub.requests.filter(({ iq }) => iq.getChild("pubsub", NS_PUBSUB)?.getChild("publish"))
      .length;
  const appliedEntries = ({ comments }: typeof fromTopic) =>
    [...pubsub.payloads(comments.jid, comments.node).values()].filter((entry) => appliedOf(entry));

  /** Bob applies; he is refused as a contributor, and nothing is published or moved. */
  async function refusedToBob(request: typeof fromTopic, branch: string) {
    const before = { tip: tipOf(branch), publishes: publishes() };
    await expect(applySuggestions(bob, request.id, [request.commentId])).rejects.toMatchObject({
      code: "source-branch-needs-maintainer",
      data: { branch },
    });
    expect(publishes()).toBe(before.publishes);
    expect(tipOf(branch)).toBe(before.tip);
    expect((await findMergeRequest(request.id))!.revision).toBe(1);
    expect(appliedEntries(request)).toEqual([]);
  }

  it("refuses a contributor on a merge request from a hosted branch: the branch stays", async () => {
    await refusedToBob(fromTopic, "topic");
  });

  it("refuses a contributor whose merge request names main as its source: main stays", async () => {
    // From main into stable: the form lets anyone open it, and main's tip is its series' last
    // commit, so an applied suggestion would move main.
    const fromMain = await openWithSuggestion(
      { sourceUrl: cloneUrl, sourceRef: "main", targetBranch: "stable" },
      "src/b.txt",
      1,
    );
    expect(fromMain.series.changesets.at(-1)!.id).toBe(tipOf("main"));
    await refusedToBob(fromMain, "main");
  });

  it("lets a maintainer apply on the hosted branch: it moves, and a new revision is published", async () => {
    const [topic, main] = [tipOf("topic"), tipOf("main")];
    expect(await applySuggestions(alice, fromTopic.id, [fromTopic.commentId])).toBe(2);
    expect(git(hosted, ["rev-parse", "topic~1"]).trim()).toBe(topic);
    expect(git(hosted, ["show", "topic:src/a.txt"])).toBe("one\ntwo\nthree\nSUGGESTED\n");
    expect(git(hosted, ["log", "-1", "--format=%an <%ae>|%s", "topic"]).trim()).toBe(
      "alice <alice@a.test>|Apply suggestion from carol@b.test",
    );
    expect(tipOf("main")).toBe(main);
    const cached = (await findMergeRequest(fromTopic.id))!;
    expect(cached.revision).toBe(2);
    // The new revision is the branch as it now is.
    expect(previewFromPatch("git", cached.patch).changesets.at(-1)!.id).toBe(tipOf("topic"));
    expect(appliedEntries(fromTopic)).toHaveLength(1);
  });

  it("lets the author apply on a merge request from elsewhere: a new revision, no branch moved", async () => {
    // The same series and branch name, from another repository: nothing here is its source.
    const fromElsewhere = await openWithSuggestion(
      {
        sourceUrl: "https://elsewhere.example/apply.git",
        sourceRef: "topic",
        targetBranch: "main",
      },
      "src/a.txt",
      4,
      previewFromPatch("git", fromTopic.series.text),
    );
    const branches = () => git(hosted, ["for-each-ref", "refs/heads"]);
    const before = branches();
    expect(await applySuggestions(bob, fromElsewhere.id, [fromElsewhere.commentId])).toBe(2);
    expect(branches()).toBe(before);
    const cached = (await findMergeRequest(fromElsewhere.id))!;
    expect(cached.revision).toBe(2);
    expect(previewFromPatch("git", cached.patch).changesets.map((c) => c.message)).toEqual([
      "Add four",
      "Apply suggestion from carol@b.test",
    ]);
    expect(appliedEntries(fromElsewhere)).toHaveLength(1);
  });
});
