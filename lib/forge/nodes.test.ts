import { describe, expect, it } from "vitest";
import { classifyNode, newCommentsNode, projectNodes, SlugSchema } from "./nodes";

describe("project nodes", () => {
  it("names tracker nodes the way Libervia finds them", () => {
    const nodes = projectNodes("demo");
    expect(nodes.tickets).toBe("fdp/submitted/org.salut-a-toi.tickets:0_demo");
    expect(nodes.ticketsSchema).toBe("fdp/template/org.salut-a-toi.tickets:0_demo");
    expect(nodes.mergeRequests).toBe("fdp/submitted/org.salut-a-toi.merge_requests:0_demo");
  });

  it("classifies every node of a project back to its slug and role", () => {
    const nodes = projectNodes("my-proj");
    expect(classifyNode(nodes.info)).toEqual({ role: "info", slug: "my-proj" });
    expect(classifyNode(nodes.tickets)).toEqual({ role: "tickets", slug: "my-proj" });
    expect(classifyNode(nodes.mergeRequests)).toEqual({ role: "merge-requests", slug: "my-proj" });
    expect(classifyNode(nodes.wiki)).toEqual({ role: "wiki", slug: "my-proj" });
    expect(classifyNode(nodes.moderation)).toEqual({ role: "moderation", slug: "my-proj" });
    expect(classifyNode(nodes.checks)).toEqual({ role: "checks", slug: "my-proj" });
    // The log is read live by maintainers, never synced into the shared cache.
    expect(classifyNode(nodes.moderationLog)).toBeNull();
    const comments = newCommentsNode(nodes.tickets);
    expect(classifyNode(comments)).toEqual({
      role: "comments",
      slug: "my-proj",
      trackerNode: nodes.tickets,
    });
  });

  it("classifies Libervia's own comments node names", () => {
    expect(
      classifyNode(
        "urn:xmpp:microblog:0:comments/fdp/submitted/org.salut-a-toi.tickets:0_projQ_JStzB4nkQmn5Zdn58PPheR",
      ),
    ).toMatchObject({ role: "comments", slug: "projQ" });
  });

  it("ignores nodes that are not Pubforge's", () => {
    expect(classifyNode("urn:xmpp:microblog:0")).toBeNull();
    expect(classifyNode("fdp/submitted/org.salut-a-toi.tickets:0")).toBeNull();
  });

  it("accepts only safe slugs", () => {
    expect(SlugSchema.safeParse("Demo").data).toBe("demo");
    expect(SlugSchema.safeParse("../etc").success).toBe(false);
    expect(SlugSchema.safeParse("").success).toBe(false);
  });
});
