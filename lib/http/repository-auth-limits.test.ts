// Password guessing through Git's Basic authentication: relayed to the person's XMPP server
// (faked here), and limited by the same counts as the sign-in form.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { XmppFailure } from "@/lib/xmpp/errors";

const connect = vi.hoisted(() => vi.fn());
vi.mock("@/lib/xmpp/connect", () => ({ connect }));

const { authenticateRepositoryClient } = await import("./repository-auth");

const basic = (jid: string, secret: string) =>
  `Basic ${Buffer.from(`${jid}:${secret}`).toString("base64")}`;

describe("authenticateRepositoryClient with passwords", () => {
  beforeEach(() => {
    connect.mockReset();
    delete (globalThis as { pubforgeSignInLimits?: unknown }).pubforgeSignInLimits;
  });

  it("stops relaying guesses for an account after five wrong passwords", async () => {
    connect.mockRejectedValue(new XmppFailure("not-authorized", "wrong password"));
    for (let attempt = 0; attempt < 5; attempt++) {
      const auth = await authenticateRepositoryClient(
        basic("alice@a.test", `guess${attempt}`),
        "10.0.0.1",
      );
      expect(auth).toMatchObject({ ok: false, status: 401 });
    }
    const limited = await authenticateRepositoryClient(basic("alice@a.test", "guess5"), "10.0.0.2");
    expect(limited).toMatchObject({ ok: false, status: 429 });
    expect(limited.ok ? 0 : limited.retryAfter).toBeGreaterThan(0);
    expect(connect).toHaveBeenCalledTimes(5);
    // Another account from the same address is not locked by alice's failures.
    connect.mockResolvedValue({ stop: async () => {} });
    expect(
      await authenticateRepositoryClient(basic("bob@b.test", "right"), "10.0.0.1"),
    ).toMatchObject({ ok: true, client: { jid: "bob@b.test", scope: "write" } });
  });

  it("remembers a proven password for a while, and never a wrong one", async () => {
    connect.mockResolvedValue({ stop: async () => {} });
    const header = basic("carol@c.test", "right");
    expect(await authenticateRepositoryClient(header, "10.0.0.3")).toMatchObject({ ok: true });
    expect(await authenticateRepositoryClient(header, "10.0.0.3")).toMatchObject({ ok: true });
    expect(connect).toHaveBeenCalledTimes(1);

    connect.mockRejectedValue(new XmppFailure("not-authorized", "wrong password"));
    const wrong = basic("carol@c.test", "wrong");
    expect(await authenticateRepositoryClient(wrong, "10.0.0.3")).toMatchObject({ status: 401 });
    expect(await authenticateRepositoryClient(wrong, "10.0.0.3")).toMatchObject({ status: 401 });
    expect(connect).toHaveBeenCalledTimes(3);
  });

  it("says a server that cannot check the password is away, without counting a failure", async () => {
    connect.mockRejectedValue(new XmppFailure("unreachable", "no route"));
    for (let attempt = 0; attempt < 6; attempt++) {
      const auth = await authenticateRepositoryClient(basic("dave@d.test", "pw"), "10.0.0.4");
      expect(auth).toMatchObject({ ok: false, status: 503 });
    }
  });
});
