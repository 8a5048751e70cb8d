// Who may start a mirror: the project's owners and maintainers, as its service reports them to
// a session whose word counts, never any signed-in person.
import xml from "@xmpp/xml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findProject } from "@/lib/cache/projects";
import { stopInstance } from "@/lib/forge/federation/instance";
import { mirrorNodeName } from "@/lib/forge/federation/mirror";
import { projectNodes } from "@/lib/forge/nodes";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { actionError } from "@/lib/http/action-result";
import { isProjectMaintainer } from "./maintainers";
import { createProject, mirrorProject, openProject, setMaintainer } from "./operations";

const ID = `${ELSEWHERE}/far`;
const NODES = projectNodes("far");

describe("who may start a mirror", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  // b.test's instance made the project on its own service: it is the owner there.
  const owner = viewer("forge@b.test");
  const mallory = viewer("mallory@a.test");
  const merger = viewer("carol@b.test");
  const coOwner = viewer("erin@b.test");
  const quiet = viewer("dave@b.test");
  const project = async () => (await findProject(ID))!;

  beforeAll(async () => {
    await createProject(owner, projectForm("far", { service: ELSEWHERE }));
    await setMaintainer(owner, ID, { jid: "carol@b.test", role: "publisher" });
    await setMaintainer(owner, ID, { jid: "dave@b.test", role: "publisher" });
    await setMaintainer(owner, ID, { jid: "erin@b.test", role: "owner" });
    // Carol merged something: the merge log takes maintainers' items only.
    pubsub.publishAs("carol@b.test", ELSEWHERE, NODES.merges, "m1", xml("merge", { xmlns: "x" }));
    await openProject(mallory, ELSEWHERE, "far");
  });
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("refuses anyone the service does not name, with a message saying who may", async () => {
    const refusal = mirrorProject(mallory, ID);
    await expect(refusal).rejects.toMatchObject({
      code: "mirror-needs-maintainer",
      data: { service: ELSEWHERE },
    });
    expect(actionError(await refusal.catch((error: unknown) => error)).message).toBe(
      `Only the project's owners and maintainers may mirror it here, and ${ELSEWHERE} does not name you as one. Ask one of them to start the mirror.`,
    );
    expect((await project()).mirrorService).toBe("");
    expect(pubsub.node(HOME, mirrorNodeName(ELSEWHERE, NODES.tickets))).toBeUndefined();
  });

  it("knows owners and maintainers from what the service tells a trusted session", async () => {
    // The info item's publisher, as the instance read it; a maintainer seen in the merge log;
    // an owner whose own server hosts the service, asked for the affiliations.
    expect(await isProjectMaintainer(owner, await project(), "trusted-readings")).toBe(true);
    expect(await isProjectMaintainer(merger, await project(), "trusted-readings")).toBe(true);
    expect(await isProjectMaintainer(coOwner, await project(), "trusted-readings")).toBe(true);
    // A maintainer who has published nothing only the maintainers may, nobody can vouch for.
    expect(await isProjectMaintainer(quiet, await project(), "trusted-readings")).toBe(false);
    expect(await isProjectMaintainer(mallory, await project(), "trusted-readings")).toBe(false);
  });

  it("starts the mirror for a maintainer", async () => {
    await mirrorProject(merger, ID);
    expect((await project()).mirrorService).toBe(HOME);
  });
});
