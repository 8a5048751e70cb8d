// Projects against in-memory pubsub services and a real SQLite cache: the nodes a new project
// gets and how they are configured, who owns them, maintainers, and who may see a members-only
// project.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { findProject } from "@/lib/cache/projects";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { ELSEWHERE, fakeForge, HOME, projectForm } from "@/lib/forge/testing/fake-forge";
import { isHostedHere } from "@/lib/forge/repositories/mirrors";
import { useCacheDatabase } from "@/lib/forge/testing/cache-database";
import { createTicket } from "@/lib/forge/tickets/operations";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { actionError } from "@/lib/http/action-result";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { canViewProject } from "./access";
import {
  createProject,
  locateProject,
  mirrorProject,
  projectRights,
  setMaintainer,
} from "./operations";
import { ticketFields } from "@/lib/forge/testing/spam";

describe("project operations", { timeout: 30_000 }, () => {
  useCacheDatabase();
  const { pubsub, viewer } = fakeForge();
  const alice = viewer("alice@a.test");
  afterAll(stopInstance);
  afterEach(() => expect(pubsub.unexpected).toEqual([]));

  it("hosts a Git repository only for a project on the instance's own service", async () => {
    const id = await createProject(alice, projectForm("hosted", { repository: "here" }), {
      origin: "https://forge.a.test",
    });
    const project = (await findProject(id))!;
    expect(project).toMatchObject({
      repositoryHost: "forge@a.test",
      cloneUrl: "https://forge.a.test/p/pubsub.a.test/hosted.git",
    });
    expect(isHostedHere(project)).toBe(true);
    // The same claim from a project on another service holds nothing here.
    expect(isHostedHere({ ...project, service: ELSEWHERE })).toBe(false);
    expect(isHostedHere({ ...project, repositoryHost: "forge@b.test" })).toBe(false);

    const hg = await createProject(
      alice,
      projectForm("hosted-hg", { repository: "here", scm: "hg" }),
      {
        origin: "https://forge.a.test",
      },
    );
    expect((await findProject(hg))?.cloneUrl).toBe(
      "https://forge.a.test/p/pubsub.a.test/hosted-hg.hg",
    );
    await expect(
      createProject(alice, projectForm("hosted-away", { repository: "here", service: ELSEWHERE })),
    ).rejects.toMatchObject({ code: "repository-not-hostable" });
  });

  it("creates every node of a project, configured for its role and owned by its creator", async () => {
    const id = await createProject(alice, projectForm("alpha", { name: "Alpha", scm: "hg" }));
    expect(id).toBe(`${HOME}/alpha`);
    const nodes = projectNodes("alpha");
    const config = (node: string) => pubsub.node(HOME, node)?.config;
    const everyNode = Object.values(nodes);
    for (const node of everyNode) {
      // The moderation log is for the project's affiliates only, whoever may read the project.
      const access = node === nodes.moderationLog ? "whitelist" : "open";
      expect(config(node), node).toMatchObject({ "pubsub#access_model": access });
      expect(pubsub.node(HOME, node)!.affiliations.get("alice@a.test"), node).toBe("owner");
    }
    // Anyone who can read files tickets and merge requests and edits the wiki...
    for (const node of [nodes.tickets, nodes.mergeRequests, nodes.wiki, nodes.wikiHistory]) {
      expect(config(node), node).toMatchObject({
        "pubsub#publish_model": "open",
        "pubsub#max_items": "max",
      });
    }
    // ...but only maintainers describe the project, its schemas, and merge.
    expect(config(nodes.info)).toMatchObject({
      "pubsub#publish_model": "publishers",
      "pubsub#max_items": "1",
    });
    expect(config(nodes.ticketsSchema)).toMatchObject({ "pubsub#publish_model": "publishers" });
    for (const node of [nodes.merges, nodes.moderation, nodes.moderationLog]) {
      expect(config(node), node).toMatchObject({
        "pubsub#publish_model": "publishers",
        "pubsub#max_items": "max",
      });
    }
    // Libervia finds the trackers by their schema items.
    const schema = pubsub.payloads(HOME, nodes.mergeRequestsSchema).get("current");
    expect(parseDataForm(schema!).type).toBe("form");
    expect([...pubsub.payloads(HOME, nodes.ticketsSchema).keys()]).toEqual(["current"]);
    expect([...pubsub.payloads(HOME, nodes.info).keys()]).toEqual(["info"]);

    expect(await findProject(id)).toMatchObject({
      name: "Alpha",
      scm: "hg",
      defaultBranch: "main",
      accessModel: "open",
      followed: true,
    });
    // The instance follows it: subscribed to the nodes that carry its content.
    expect(pubsub.node(HOME, nodes.tickets)!.subscribers.size).toBe(1);
    expect([...pubsub.node(HOME, nodes.info)!.subscribers][0]).toMatch(/^forge@a\.test/);
  });

  it("refuses a short name already taken on that service, leaving the project as it was", async () => {
    const bob = viewer("bob@b.test");
    const refusal = await createProject(bob, projectForm("alpha")).catch((error: unknown) => error);
    expect(refusal).toMatchObject({
      code: "project-exists",
      data: { slug: "alpha", service: "pubsub.a.test" },
    });
    expect(actionError(refusal).message).toMatch(/“alpha” already exists on pubsub\.a\.test/);
    expect(pubsub.node(HOME, projectNodes("alpha").info)!.affiliations.get("bob@b.test")).toBe(
      undefined,
    );
    expect((await findProject(`${HOME}/alpha`))?.name).toBe("Alpha");
  });

  it("makes a members-only project's nodes whitelisted", async () => {
    const id = await createProject(alice, projectForm("closed", { access: "whitelist" }));
    for (const node of Object.values(projectNodes("closed"))) {
      expect(pubsub.node(HOME, node)?.config["pubsub#access_model"], node).toBe("whitelist");
    }
    expect((await findProject(id))?.accessModel).toBe("whitelist");
  });

  it("shows a members-only project only to those the service lets read it", async () => {
    const id = `${HOME}/closed`;
    expect(await canViewProject(`${HOME}/alpha`, null)).toBe(true);
    expect(await canViewProject(id, null)).toBe(false);
    expect(await canViewProject(id, alice)).toBe(true);
    expect(await canViewProject(id, viewer("bob@b.test"))).toBe(false);

    await setMaintainer(alice, id, { jid: "bob@b.test", role: "member" });
    expect(await canViewProject(id, viewer("bob@b.test"))).toBe(true);
    await setMaintainer(alice, id, { jid: "bob@b.test", role: "none" });
    expect(await canViewProject(id, viewer("bob@b.test"))).toBe(false);
    expect(await canViewProject(`${HOME}/unknown`, alice)).toBe(false);
  });

  it("grants maintainer rights on every node, existing discussions of a closed project included", async () => {
    const id = `${HOME}/closed`;
    const { id: ticketId } = await createTicket(alice, id, ticketFields("Internal"));
    const { findTicket } = await import("@/lib/cache/tickets");
    const thread = parseXmppUri((await findTicket(ticketId))!.commentsUri)!;

    await setMaintainer(alice, id, { jid: "carol@a.test", role: "publisher" });
    for (const node of Object.values(projectNodes("closed"))) {
      expect(pubsub.node(HOME, node)!.affiliations.get("carol@a.test"), node).toBe("publisher");
    }
    expect(pubsub.node(HOME, thread.node!)!.affiliations.get("carol@a.test")).toBe("publisher");
  });

  it("lets only owners change or list rights", async () => {
    const bob = viewer("bob@b.test");
    await expect(
      setMaintainer(bob, `${HOME}/alpha`, { jid: "bob@b.test", role: "owner" }),
    ).rejects.toThrow(/permission/);
    expect(pubsub.node(HOME, projectNodes("alpha").merges)!.affiliations.get("bob@b.test")).toBe(
      undefined,
    );
    await expect(
      setMaintainer(alice, `${HOME}/alpha`, { jid: "not a jid", role: "owner" }),
    ).rejects.toThrow();

    await setMaintainer(alice, `${HOME}/alpha`, { jid: "dave@b.test", role: "publisher" });
    const rights = await projectRights(alice, `${HOME}/alpha`);
    expect(rights).toEqual({
      ok: true,
      holders: [
        { jid: "alice@a.test", affiliation: "owner" },
        // The instance created the nodes for her, as Prosody lets only admins do.
        { jid: "forge@a.test", affiliation: "owner" },
        { jid: "dave@b.test", affiliation: "publisher" },
      ],
    });
    const asBob = await projectRights(bob, `${HOME}/alpha`);
    expect(asBob.ok).toBe(false);
    expect(!asBob.ok && asBob.reason).toMatch(/Only owners/);
  });

  it("does not mirror a members-only project or one that already lives here", async () => {
    await expect(mirrorProject(alice, `${HOME}/closed`)).rejects.toMatchObject({
      code: "members-only-not-mirrored",
    });
    await expect(mirrorProject(alice, `${HOME}/alpha`)).rejects.toMatchObject({
      code: "home-is-here",
    });
    await expect(mirrorProject(alice, `${HOME}/nope`)).rejects.toMatchObject({
      code: "project-gone",
    });
  });

  it("reads a project's address from service/name or from an xmpp: URI of one of its nodes", () => {
    expect(locateProject(" pubsub.b.test/demo ")).toEqual({
      service: "pubsub.b.test",
      slug: "demo",
    });
    expect(locateProject("xmpp:pubsub.b.test?;node=forge%2Fdemo%2Fproject")).toEqual({
      service: "pubsub.b.test",
      slug: "demo",
    });
    expect(() => locateProject("demo")).toThrow(
      expect.objectContaining({ code: "not-a-project-address" }),
    );
    expect(() => locateProject("xmpp:pubsub.b.test?;node=elsewhere")).toThrow(
      expect.objectContaining({ code: "not-a-project-uri" }),
    );
  });
});
