import xml from "@xmpp/xml";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Backoff, RECONNECT_BACKOFF } from "./backoff";
import { XmppFailure } from "./errors";
import { XmppSession, type SessionStatus } from "./session";
import { FakeClient } from "./testing/fake-client";

function setup() {
  const client = new FakeClient();
  const session = XmppSession.attach(client.asClient(), {
    backoff: new Backoff({ ...RECONNECT_BACKOFF, jitter: 0 }),
  });
  const statuses: SessionStatus[] = [];
  session.on("status", (status) => statuses.push(status));
  return { client, session, statuses };
}

const iq = (id: string) => xml("iq", { type: "get", to: "pubsub.a.test", id });

/** Settles a promise into a value or the thrown error, so a test can assert on either. */
function outcome<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: Error) => error);
}

describe("XmppSession connection state", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reconnects by itself after a server restart and says so", async () => {
    const { client, session, statuses } = setup();
    client.serverUp = false;
    client.dropStream({ condition: "system-shutdown", text: "Server is shutting down" });
    expect(session.status).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(3_000);
    client.serverUp = true;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(statuses).toEqual(["reconnecting", "online"]);
    // Available again, so notifications for the bare JID reach this resource.
    expect(client.sent.at(-1)?.name).toBe("presence");
  });

  it("ends, with the reason, when the password no longer works, and stops trying", async () => {
    const { client, session, statuses } = setup();
    client.passwordAccepted = false;
    client.dropStream({ condition: "reset", text: "Password changed" });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(statuses).toEqual(["reconnecting", "offline"]);
    expect(session.offlineReason).toBe(
      "b.test no longer accepts your password (it was changed, or the account was removed).",
    );
    await vi.advanceTimersByTimeAsync(120_000);
    expect(client.attempts).toHaveLength(1);
    const failure = await outcome(session.request(iq("after")));
    expect(failure).toBeInstanceOf(XmppFailure);
    expect((failure as XmppFailure).message).toBe(
      "Your XMPP session has ended: b.test no longer accepts your password (it was changed, or the account was removed). Sign in again.",
    );
  });

  it("ends at once when the server says the account was deleted", async () => {
    const { client, session } = setup();
    client.dropStream({ condition: "not-authorized", text: "Account deleted" });
    expect(session.status).toBe("offline");
    expect(session.offlineReason).toBe("b.test closed your session (“Account deleted”).");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.attempts).toEqual([]);
  });

  it("says 'signed out' after close, and does not reconnect", async () => {
    const { client, session } = setup();
    await session.close();
    expect(session.status).toBe("offline");
    expect(session.offlineReason).toBe("You signed out.");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(client.attempts).toEqual([]);
  });
});

describe("XmppSession.request while the connection is away", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("waits for the reconnect and then sends", async () => {
    const { client, session } = setup();
    client.serverUp = false;
    client.dropStream();
    const reply = outcome(session.request(iq("wait")));
    await vi.advanceTimersByTimeAsync(2_500);
    expect(client.pending.size).toBe(0); // nothing sent while away
    client.serverUp = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.pending.has("wait")).toBe(true);
    client.pending.get("wait")!.resolve(xml("iq", { type: "result", id: "wait" }));
    expect(await reply).toMatchObject({ name: "iq", attrs: { type: "result" } });
  });

  it("hurries the reconnect for a waiting request instead of waiting out a long backoff", async () => {
    const { client, session } = setup();
    client.serverUp = false;
    client.dropStream();
    await vi.advanceTimersByTimeAsync(31_000); // attempts at 1, 3, 7, 15, 31 s; next at 61 s
    client.serverUp = true;
    const reply = outcome(session.request(iq("soon"), 30_000, 10_000));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(session.status).toBe("online");
    client.pending.get("soon")!.resolve(xml("iq", { type: "result", id: "soon" }));
    expect(await reply).not.toBeInstanceOf(Error);
  });

  it("fails with a clear message when the server stays away, having sent nothing", async () => {
    const { client, session } = setup();
    client.serverUp = false;
    client.dropStream();
    const reply = outcome(session.request(iq("late"), 30_000, 10_000));
    await vi.advanceTimersByTimeAsync(10_000);
    const failure = await reply;
    expect(failure).toBeInstanceOf(XmppFailure);
    expect((failure as XmppFailure).kind).toBe("disconnected");
    expect((failure as XmppFailure).message).toMatch(/has not come back yet\. Nothing was sent/);
    expect(client.pending.size).toBe(0);
  });

  it("fails at once, saying the outcome is unknown, when the stream drops mid-request", async () => {
    const { client, session } = setup();
    const reply = outcome(session.request(iq("inflight")));
    await vi.advanceTimersByTimeAsync(0);
    expect(client.pending.has("inflight")).toBe(true);
    client.dropStream();
    const failure = await reply;
    expect((failure as XmppFailure).kind).toBe("disconnected");
    expect((failure as XmppFailure).message).toMatch(/may or may not have been saved/);
    // The abandoned iq times out later without an unhandled rejection.
    await vi.advanceTimersByTimeAsync(30_000);
  });

  it("fails with the reason when the session ends while a request waits", async () => {
    const { client, session } = setup();
    client.passwordAccepted = false;
    client.dropStream();
    const reply = outcome(session.request(iq("doomed")));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(((await reply) as XmppFailure).message).toMatch(
      /^Your XMPP session has ended: b\.test no longer accepts your password/,
    );
  });

  it("leaves no status listener behind, whatever the outcome", async () => {
    const { client, session } = setup();
    const baseline = session.listenerCount("status");
    const ok = outcome(session.request(iq("ok")));
    await vi.advanceTimersByTimeAsync(0);
    client.pending.get("ok")!.resolve(xml("iq", { type: "result", id: "ok" }));
    await ok;
    const dropped = outcome(session.request(iq("dropped")));
    await vi.advanceTimersByTimeAsync(0);
    client.serverUp = false;
    client.dropStream();
    await dropped;
    const waited = outcome(session.request(iq("waited"), 30_000, 3_000));
    await vi.advanceTimersByTimeAsync(3_000);
    await waited;
    expect(session.listenerCount("status")).toBe(baseline);
  });
});
