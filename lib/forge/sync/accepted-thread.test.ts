import { describe, expect, it } from "vitest";
import { newCommentsNode, projectNodes } from "@/lib/forge/nodes";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { acceptedThread } from "./domain";

const open = { slug: "demo", service: "pubsub.a.test", accessModel: "open" };
const membersOnly = { ...open, accessModel: "whitelist" };
const uri = (service: string, node: string) => formatXmppUri({ jid: service, node });

describe("acceptedThread", () => {
  it("takes the project's own threads, on its service or (open projects) the author's", () => {
    const node = newCommentsNode(projectNodes("demo").tickets);
    expect(acceptedThread(uri("pubsub.a.test", node), open)).toEqual({
      service: "pubsub.a.test",
      node,
    });
    expect(acceptedThread(uri("pubsub.b.test", node), open)?.service).toBe("pubsub.b.test");
  });

  it("takes threads named as Libervia names them (captured from Libervia)", () => {
    const libervia =
      "xmpp:pubsub.forge.test?;node=urn%3Axmpp%3Amicroblog%3A0%3Acomments%2Ffdp%2Fsubmitted%2Forg.salut-a-toi.tickets%3A0%2FprojA_UZQYYrpZcqA7hwnm3PRpxJ";
    expect(acceptedThread(libervia, { ...open, service: "pubsub.forge.test" })).toBeDefined();
  });

  it("refuses another project's thread and any node that is not a comments node", () => {
    const theirs = newCommentsNode(projectNodes("victim").tickets);
    expect(acceptedThread(uri("pubsub.a.test", theirs), open)).toBeUndefined();
    expect(acceptedThread(uri("pubsub.a.test", projectNodes("demo").info), open)).toBeUndefined();
    expect(acceptedThread(uri("pubsub.a.test", "private/notes"), open)).toBeUndefined();
    expect(acceptedThread("not a uri", open)).toBeUndefined();
    expect(acceptedThread("", open)).toBeUndefined();
  });

  it("keeps a members-only project's threads on its own service", () => {
    const node = newCommentsNode(projectNodes("demo").tickets);
    expect(acceptedThread(uri("pubsub.a.test", node), membersOnly)).toBeDefined();
    expect(acceptedThread(uri("pubsub.b.test", node), membersOnly)).toBeUndefined();
  });
});
