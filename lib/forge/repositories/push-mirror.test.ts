// Push mirrors and the import into hosting against in-memory pubsub services and a real SQLite
// cache: who may set them, what is stored (sealed), and a push that cannot be made is recorded
// without failing anything.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { findRepositoryMirror, savePushTarget } from "@/lib/cache/repository-mirrors";
import { stopInstance } from "@/lib/forge/federation/instance";
import { createProject } from "@/lib/forge/projects/operations";
import { fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { RefusedSourceError } from "@/lib/scm/url-policy";
import { gitAdapter } from "@/lib/scm/git";
import { importIntoHosting } from "./import";
import { projectRepositoryDir, readProjectRepository } from "./mirrors";
import { pushAfterMerge, pushMergedBranch, pushNow, setPushMirror } from "./push-mirror";
import { sealSecret, unsealSecret } from "./sealed-secret";

const KEY = randomBytes(32).toString("hex");
process.env.PUBFORGE_SECRET_KEY = KEY;
// A public address literal: the URL policy accepts it without a DNS lookup.
const UPSTREAM = "https://93.184.216.34/team/project.git";

describe("push mirrors", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const bob = viewer("bob@b.test");
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));
  const input = { url: UPSTREAM, username: "alice", secret: "pft_upstream-token" };

  it("are set by the project's maintainers only, the credential sealed to the project", async () => {
    const id = await createProject(alice, projectForm("pushed", { cloneUrl: UPSTREAM }));
    await expect(setPushMirror(bob, id, input)).rejects.toMatchObject({
      code: "push-mirror-needs-maintainer",
    });
    expect(await findRepositoryMirror(id)).toBeNull();

    await setPushMirror(alice, id, input);
    const row = (await findRepositoryMirror(id))!;
    expect(row).toMatchObject({ pushUrl: UPSTREAM, pushSetBy: "alice@a.test" });
    expect(row.pushSecret).not.toContain("pft_upstream-token");
    expect(JSON.parse(unsealSecret(row.pushSecret, Buffer.from(KEY, "hex"), id))).toEqual({
      username: "alice",
      password: "pft_upstream-token",
    });
  });

  it("push only where clone URLs may be read, with the credential apart from the URL", async () => {
    const id = await createProject(alice, projectForm("guarded", { cloneUrl: UPSTREAM }));
    await expect(
      setPushMirror(alice, id, { ...input, url: "http://127.0.0.1:9/internal.git" }),
    ).rejects.toBeInstanceOf(RefusedSourceError);
    await expect(
      setPushMirror(alice, id, { ...input, url: "https://alice:secret@93.184.216.34/p.git" }),
    ).rejects.toThrow(/their own fields/);
    await expect(setPushMirror(alice, id, { ...input, secret: "token\n[hooks]" })).rejects.toThrow(
      /control character/,
    );
    const hosted = await createProject(alice, projectForm("hosted-push", { repository: "here" }));
    await expect(setPushMirror(alice, hosted, input)).rejects.toMatchObject({
      code: "push-mirror-hosted-here",
    });
  });

  it("a push that cannot be made (the credential does not open) is recorded, not thrown", async () => {
    const id = await createProject(alice, projectForm("unopened", { cloneUrl: UPSTREAM }));
    await savePushTarget(id, {
      pushUrl: UPSTREAM,
      pushSecret: sealSecret('{"username":"a","password":"b"}', randomBytes(32), id),
      pushSetBy: "alice@a.test",
      pushSetAt: new Date(),
    });
    const repository = { service: HOME, slug: "unopened", scm: "git" } as const;
    // The project's copy, as a merge leaves it: there is something to push.
    await gitAdapter.init(projectRepositoryDir(repository), "main");
    await pushMergedBranch(repository, "main");
    expect(await findRepositoryMirror(id)).toMatchObject({
      pushState: "failed",
      pendingBranches: "main",
      pushError: expect.stringContaining("set the push mirror again"),
    });
  });

  it("after a merge, the push is marked pending at once and made in the background", async () => {
    const id = await createProject(alice, projectForm("background", { cloneUrl: UPSTREAM }));
    const repository = { service: HOME, slug: "background", scm: "git" } as const;
    await pushAfterMerge(repository, "main");
    expect(await findRepositoryMirror(id)).toBeNull(); // no push mirror: nothing to do

    await savePushTarget(id, {
      pushUrl: UPSTREAM,
      pushSecret: sealSecret('{"username":"a","password":"b"}', randomBytes(32), id),
      pushSetBy: "alice@a.test",
      pushSetAt: new Date(),
    });
    await gitAdapter.init(projectRepositoryDir(repository), "main");
    // The repository busy (a merge, a page reading it): the push waits its turn, the merge's
    // answer does not.
    let release = () => {};
    const held = new Promise<void>((holding) => {
      void readProjectRepository(repository, () => {
        holding();
        return new Promise<void>((resolve) => (release = resolve));
      });
    });
    await held;
    await pushAfterMerge(repository, "main");
    expect(await findRepositoryMirror(id)).toMatchObject({
      pushState: "pending",
      pendingBranches: "main",
    });
    release();
    await vi.waitFor(
      async () => expect((await findRepositoryMirror(id))?.pushState).toBe("failed"),
      { timeout: 10_000 },
    );
  });

  it("“Push now” is the maintainers', pushes the default branch, and says why it could not", async () => {
    const id = await createProject(alice, projectForm("push-now", { cloneUrl: UPSTREAM }));
    await expect(pushNow(alice, id)).rejects.toMatchObject({ code: "no-push-mirror" });
    await savePushTarget(id, {
      pushUrl: UPSTREAM,
      pushSecret: sealSecret('{"username":"a","password":"b"}', randomBytes(32), id),
      pushSetBy: "alice@a.test",
      pushSetAt: new Date(),
    });
    await expect(pushNow(bob, id)).rejects.toMatchObject({
      code: "push-mirror-needs-maintainer",
    });
    await gitAdapter.init(
      projectRepositoryDir({ service: HOME, slug: "push-now", scm: "git" }),
      "main",
    );
    expect(await pushNow(alice, id)).toEqual({
      pushed: false,
      reason: expect.stringContaining("set the push mirror again"),
    });
    expect(await findRepositoryMirror(id)).toMatchObject({
      pushState: "failed",
      pendingBranches: "main",
    });
  });

  it("moves a repository into hosting only for the project's owners", async () => {
    const id = await createProject(alice, projectForm("to-import", { cloneUrl: UPSTREAM }));
    await expect(
      importIntoHosting(bob, id, { origin: "https://forge.a.test" }),
    ).rejects.toMatchObject({ code: "import-needs-owner" });
    const hosted = await createProject(alice, projectForm("already", { repository: "here" }));
    await expect(
      importIntoHosting(alice, hosted, { origin: "https://forge.a.test" }),
    ).rejects.toMatchObject({ code: "already-hosted" });
  });
});
