import { describe, expect, it } from "vitest";
import { type AppliedItem, deriveEvents, recipientsPerEvent } from "./derive";

const target = {
  kind: "ticket" as const,
  id: "pubsub.a.test/t/1",
  number: 1,
  title: "Crash",
  path: "/p/pubsub.a.test/demo/tickets/1",
};
const item = (change: AppliedItem["change"], text = ""): AppliedItem => ({
  projectId: "pubsub.a.test/demo",
  itemId: "pubsub.a.test/comments/c1",
  target,
  actor: "alice@a.test",
  text,
  change,
});

describe("deriveEvents", () => {
  it("makes a comment event for the ticket's watchers; the commenter watches", () => {
    const [event] = deriveEvents(item({ type: "comment" }), "b.test");
    expect(event).toMatchObject({
      kind: "comment",
      eventKey: "comment:pubsub.a.test/comments/c1",
      watchedTargets: [target.id],
      autoWatch: ["alice@a.test"],
      summary: "commented on #1 Crash",
    });
  });

  it("puts a mention first, keyed apart from the comment", () => {
    const events = deriveEvents(item({ type: "comment" }, "@bob@b.test and @carol"), "b.test");
    expect(events.map((event) => [event.kind, event.eventKey, event.direct])).toEqual([
      ["mention", "mention:pubsub.a.test/comments/c1", ["bob@b.test", "carol@b.test"]],
      ["comment", "comment:pubsub.a.test/comments/c1", []],
    ]);
  });

  it("tells whoever is asked to review, and watchers of a verdict", () => {
    const asked = deriveEvents(
      item({
        type: "timeline",
        event: { field: "reviewers", from: ["carol@a.test"], to: ["carol@a.test", "Bob@b.test"] },
      }),
      "b.test",
    );
    expect(asked).toMatchObject([
      {
        kind: "review-requested",
        direct: ["bob@b.test"],
        autoWatch: ["alice@a.test", "bob@b.test"],
      },
    ]);
    const [verdict] = deriveEvents(
      item({ type: "verdict", verdict: { value: "request-changes", revision: 2 } }),
      "b.test",
    );
    expect(verdict).toMatchObject({
      kind: "verdict",
      summary: "requested changes on #1 Crash (revision 2)",
      watchedTargets: [target.id],
      direct: [],
    });
  });

  it("tells newly assigned people directly, and tells status changes apart", () => {
    const assign = deriveEvents(
      item({
        type: "timeline",
        event: { field: "assignees", from: ["x@a.test"], to: ["x@a.test", "Bob@B.test"] },
      }),
      "b.test",
    );
    expect(assign[0]).toMatchObject({ kind: "assignment", direct: ["bob@b.test"] });
    const status = deriveEvents(
      item({ type: "timeline", event: { field: "status", from: ["queued"], to: ["closed"] } }),
      "b.test",
    );
    expect(status[0]).toMatchObject({ kind: "status", direct: [] });
  });

  it("tells a project's watchers of a new ticket, and its assignees", () => {
    const [event] = deriveEvents(item({ type: "new-item", assignees: ["bob@b.test"] }), "b.test");
    expect(event).toMatchObject({
      kind: "new-item",
      watchedTargets: ["pubsub.a.test/demo"],
      direct: ["bob@b.test"],
    });
  });

  it("keeps a foreign title on one bounded line", () => {
    const hostile = {
      ...item({ type: "comment" }),
      target: { ...target, title: `a\nb\r\u0000${"x".repeat(500)}` },
    };
    const [event] = deriveEvents(hostile, "b.test");
    expect(event!.summary).not.toMatch(/[\n\r\u0000]/);
    expect(event!.summary.length).toBeLessThan(160);
  });
});

describe("recipientsPerEvent", () => {
  const events = deriveEvents(item({ type: "comment" }, "@bob@b.test"), "b.test");
  // Bob is mentioned and watches; Carol watches (her JID in two spellings); Alice acts.
  const candidates = (event: (typeof events)[number]) =>
    event.kind === "mention"
      ? event.direct
      : ["bob@b.test", "Carol@b.test", "alice@a.test", "carol@b.test"];

  it("never tells the actor, tells each user once, and a mention beats the comment", () => {
    const perEvent = recipientsPerEvent(events, candidates);
    expect([...perEvent.values()]).toEqual([["bob@b.test"], ["carol@b.test"]]);
  });
});
