import xml from "@xmpp/xml";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { endedSession } from "@/lib/events/session-state";
import { Backoff, RECONNECT_BACKOFF } from "@/lib/xmpp/backoff";
import { publish } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { FakeClient } from "@/lib/xmpp/testing/fake-client";
import type { ViewerConnection } from "./browser-session";
import { withViewer } from "./form-action";
import type { FormStateBase } from "./form-state";

// The cookie and Next.js request context are not what is tested here: the viewer is handed in.
const connection = vi.hoisted(() => ({ current: null as ViewerConnection | null }));
vi.mock("./browser-session", () => ({
  viewerConnection: async () => connection.current,
}));

function commentForm(body: string): FormData {
  const form = new FormData();
  form.set("ticketId", "pubsub.a.test/demo/t1");
  form.set("body", body);
  form.set("$ACTION_ID_abc", ""); // Next.js's own fields are not given back
  return form;
}

function signedIn(client: FakeClient): XmppSession {
  const session = XmppSession.attach(client.asClient(), {
    backoff: new Backoff({ ...RECONNECT_BACKOFF, jitter: 0 }),
  });
  connection.current = {
    viewer: { jid: session.jid, session },
    state: { state: "connected", jid: session.jid, domain: session.domain },
    sessionTag: "t1",
  };
  return session;
}

/** What a comment form's action does: publish as the viewer. */
function postComment(form: FormData): Promise<FormStateBase> {
  return withViewer<FormStateBase>(form, async (viewer) => {
    await publish(viewer.session, "pubsub.a.test", "comments", xml("entry"), { id: "c1" });
  });
}

describe("withViewer while the XMPP connection is away", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    connection.current = null;
  });

  it("gives the typed text back with a clear message when the server does not return in time", async () => {
    const client = new FakeClient();
    signedIn(client);
    client.serverUp = false;
    client.dropStream({ condition: "system-shutdown" });
    const state = postComment(commentForm("My **long** comment"));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await state).toEqual({
      error: {
        message:
          "Lost the connection to your XMPP server and it has not come back yet. Nothing was sent; try again in a moment.",
      },
      values: { ticketId: "pubsub.a.test/demo/t1", body: "My **long** comment" },
    });
  });

  it("succeeds when the server comes back while the action waits", async () => {
    const client = new FakeClient();
    signedIn(client);
    client.serverUp = false;
    client.dropStream({ condition: "system-shutdown" });
    const state = postComment(commentForm("Hello"));
    await vi.advanceTimersByTimeAsync(2_000);
    client.serverUp = true;
    await vi.advanceTimersByTimeAsync(2_000);
    const [id, pending] = [...client.pending][0]!;
    pending.resolve(xml("iq", { type: "result", id }));
    expect(await state).toEqual({});
  });

  it("says the outcome is unknown, text kept, when the stream drops mid-publish", async () => {
    const client = new FakeClient();
    signedIn(client);
    const state = postComment(commentForm("In flight"));
    await vi.advanceTimersByTimeAsync(0);
    client.dropStream();
    const result = await state;
    expect(result.error?.message).toMatch(/may or may not have been saved/);
    expect(result.values?.body).toBe("In flight");
  });

  it("names why the session ended, text kept", async () => {
    connection.current = {
      viewer: null,
      state: endedSession(
        "bob@b.test",
        "b.test",
        "b.test no longer accepts your password (it was changed, or the account was removed).",
      ),
      sessionTag: "t1",
    };
    expect(await postComment(commentForm("Kept"))).toEqual({
      error: {
        message:
          "Your XMPP session has ended: b.test no longer accepts your password (it was changed, or the account was removed). Sign in again (in another tab, to keep your text here).",
      },
      values: { ticketId: "pubsub.a.test/demo/t1", body: "Kept" },
    });
  });

  it("still explains a plain signed-out state", async () => {
    connection.current = { viewer: null, state: null, sessionTag: null };
    const result = await postComment(commentForm("Kept"));
    expect(result.error?.message).toBe(
      "Your session has ended. Sign in again (in another tab, to keep your text here).",
    );
    expect(result.values?.body).toBe("Kept");
  });
});
