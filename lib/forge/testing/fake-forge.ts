// Test-only: forge operations against in-memory pubsub services. pubsub.a.test belongs to the
// instance's domain (its account forge@a.test is an admin there, as `npm run up` sets Prosody
// up); pubsub.b.test is another server's. The instance account connects to the fake too.
import { vi } from "vitest";
import type { Viewer } from "@/lib/forge/viewer";
import { FakePubsub } from "@/lib/xmpp/testing/fake-pubsub";
import { XmppSession } from "@/lib/xmpp/session";

export const HOME = "pubsub.a.test";
export const ELSEWHERE = "pubsub.b.test";

export function fakeForge(): { pubsub: FakePubsub; viewer: (jid: string) => Viewer } {
  const pubsub = new FakePubsub({
    [HOME]: { admins: ["forge@a.test"] },
    [ELSEWHERE]: { admins: ["forge@b.test"] },
  });
  vi.spyOn(XmppSession, "open").mockImplementation(async (options) => pubsub.session(options.jid));
  return { pubsub, viewer: (jid) => ({ jid, session: pubsub.session(jid) }) };
}

/** A project as the new-project form sends it. */
export function projectForm(slug: string, overrides: Record<string, string> = {}) {
  return {
    service: HOME,
    slug,
    name: `Project ${slug}`,
    description: "",
    scm: "git",
    cloneUrl: "",
    defaultBranch: "main",
    access: "open",
    ...overrides,
  };
}
