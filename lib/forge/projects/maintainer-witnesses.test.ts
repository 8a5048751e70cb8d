// Whose word each caller takes that someone maintains a project, including a viewer whose own
// server answers every request in the service's name (it can: replies are matched by id) and
// says she owns everything.
import xml from "@xmpp/xml";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findProject } from "@/lib/cache/projects";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import type { Viewer } from "@/lib/forge/viewer";
import { NS_PUBSUB_OWNER } from "@/lib/xmpp/pubsub";
import { FakeClient } from "@/lib/xmpp/testing/fake-client";
import { XmppSession } from "@/lib/xmpp/session";
import type { ProjectRef } from "./affiliations";
import { isProjectMaintainer, type MaintainerWitness } from "./maintainers";
import { createProject, openProject, setMaintainer } from "./operations";

const FORGER = "mallory@evil.test";

/** A viewer whose server forges every reply: she is the owner, and may read anything. */
function forgingViewer(): Viewer & { asked: () => number } {
  const client = new FakeClient();
  client.jid = `${FORGER}/pubforge-test`;
  let asked = 0;
  client.answer = async (iq) => {
    asked += 1;
    const node = String(iq.getChild("pubsub")?.getChildElements()[0]?.attrs.node ?? "");
    return xml(
      "iq",
      { type: "result", id: iq.attrs.id, from: iq.attrs.to },
      xml(
        "pubsub",
        { xmlns: NS_PUBSUB_OWNER },
        xml("affiliations", { node }, xml("affiliation", { jid: FORGER, affiliation: "owner" })),
      ),
    );
  };
  return { jid: FORGER, session: XmppSession.attach(client.asClient()), asked: () => asked };
}

describe("whose word says who maintains a project", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  const carol = viewer("carol@a.test");
  const dave = viewer("dave@b.test");
  const erin = viewer("erin@b.test");
  const farOwner = viewer("forge@b.test");
  const forger = forgingViewer();
  const home = async () => (await findProject(`${HOME}/home`))!;
  const far = async () => (await findProject(`${ELSEWHERE}/far`))!;
  const says = (witness: MaintainerWitness, who: Viewer, project: () => Promise<ProjectRef>) =>
    project().then((row) => isProjectMaintainer(who, row, witness));

  beforeAll(async () => {
    await createProject(alice, projectForm("home"));
    await setMaintainer(alice, `${HOME}/home`, { jid: "carol@a.test", role: "publisher" });
    // b.test's instance made "far" on its own service: this instance (a.test) cannot list it.
    await createProject(farOwner, projectForm("far", { service: ELSEWHERE }));
    const farId = `${ELSEWHERE}/far`;
    await setMaintainer(farOwner, farId, { jid: "carol@a.test", role: "publisher" });
    await setMaintainer(farOwner, farId, { jid: "dave@b.test", role: "publisher" });
    await setMaintainer(farOwner, farId, { jid: "erin@b.test", role: "owner" });
    pubsub.publishAs(
      "carol@a.test",
      ELSEWHERE,
      projectNodes("far").merges,
      "m1",
      xml("merge", { xmlns: "x" }),
    );
    await openProject(alice, ELSEWHERE, "far");
  });
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("instance-then-viewer-session: on the instance's service, only its reading counts", async () => {
    const witness = "instance-then-viewer-session";
    expect(await says(witness, alice, home)).toBe(true);
    expect(await says(witness, carol, home)).toBe(true);
    expect(await says(witness, dave, home)).toBe(false);
    expect(await says(witness, forger, home)).toBe(false);
    expect(forger.asked()).toBe(0);
  });

  it("instance-then-viewer-session: elsewhere the viewer's own session, so shown-only", async () => {
    const witness = "instance-then-viewer-session";
    expect(await says(witness, carol, far)).toBe(true);
    expect(await says(witness, dave, far)).toBe(true);
    expect(await says(witness, alice, far)).toBe(false);
    // Her server's word is taken here, which is why this answer never lends the instance's
    // rights nor starts anything: the service judges each of her requests.
    expect(await says(witness, forger, far)).toBe(true);
  });

  it("instance-then-info-publisher: the instance's list, else the info item's publisher", async () => {
    const witness = "instance-then-info-publisher";
    const before = forger.asked();
    expect(await says(witness, carol, home)).toBe(true);
    expect(await says(witness, dave, home)).toBe(false);
    expect(await says(witness, forger, home)).toBe(false);
    // Elsewhere nobody lists maintainers to the instance: fewer of them, never more.
    expect(await says(witness, farOwner, far)).toBe(true);
    expect(await says(witness, carol, far)).toBe(false);
    expect(await says(witness, forger, far)).toBe(false);
    expect(forger.asked()).toBe(before);
  });

  it("trusted-readings: what the instance read, or an owner's own server hosting the service", async () => {
    const witness = "trusted-readings";
    const before = forger.asked();
    expect(await says(witness, farOwner, far)).toBe(true); // published the info item
    expect(await says(witness, carol, far)).toBe(true); // in the merge log
    expect(await says(witness, erin, far)).toBe(true); // b.test hosts pubsub.b.test
    expect(await says(witness, dave, far)).toBe(false);
    // evil.test does not host pubsub.b.test (or pubsub.a.test): her session is not asked.
    expect(await says(witness, forger, far)).toBe(false);
    expect(await says(witness, forger, home)).toBe(false);
    expect(forger.asked()).toBe(before);
  });
});
