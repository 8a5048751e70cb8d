import { expect, test, type Page } from "@playwright/test";
import { parseHostMap } from "@/lib/config";
import { connect } from "@/lib/xmpp/connect";
import { startRogueServer } from "@/lib/xmpp/testing/rogue-server";
import { DEMO_PASSWORD, formAlert } from "./helpers";

/**
 * Issue #12's transport rules, seen from the sign-in form: addresses that would make the
 * server connect inside its own network are refused before any connection, and a server that
 * cannot prove it knows the password (a relay) is refused after SCRAM. Pubforge's own test
 * servers (Prosody on loopback) still sign in, by SCRAM too.
 */
const hosts = parseHostMap(process.env.PUBFORGE_XMPP_HOSTS ?? "");

async function trySignIn(page: Page, jid: string, password = "anything"): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("XMPP address").fill(jid);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an IP address or a local name after the @ is refused before any connection", async ({
  page,
}) => {
  await trySignIn(page, "someone@127.0.0.1");
  await expect(formAlert(page)).toContainText(
    "“127.0.0.1” is an IP address, not an XMPP domain. Sign in with an address like alice@example.org.",
  );
  await expect(page.getByLabel("XMPP address")).toHaveValue("someone@127.0.0.1");
  await trySignIn(page, "someone@localhost");
  await expect(formAlert(page)).toContainText("“localhost” is a local name");
  await expect(page.getByTestId("viewer-jid")).toHaveCount(0);
});

test("a server that cannot prove it knows the password is refused after SCRAM", async ({
  page,
}) => {
  const pinned = hosts["relay.test"];
  if (!pinned) throw new Error("PUBFORGE_XMPP_HOSTS pins no relay.test");
  // It takes any proof and answers with a made-up server signature, as a relay would.
  const relay = await startRogueServer({
    ...pinned,
    domain: "relay.test",
    scram: { signature: "wrong" },
  });
  try {
    await trySignIn(page, "m@relay.test");
    await expect(formAlert(page)).toContainText(
      "The XMPP server for “relay.test” did not prove that it knows your password (its server signature is wrong), so it may not be your server.",
    );
    await expect(page.getByTestId("viewer-jid")).toHaveCount(0);
    expect(relay.auths).toEqual(["SCRAM-SHA-1"]);
    expect(relay.requests).toHaveLength(0);
  } finally {
    await relay.close();
  }
});

test("Prosody proves its SCRAM signature on loopback, where PLAIN is otherwise used", async () => {
  for (const jid of ["alice@a.test", "bob@b.test"]) {
    const client = await connect({
      jid,
      password: DEMO_PASSWORD,
      resource: `e2e-scram-${Date.now()}`,
      allowPlainOnLoopback: false,
    });
    expect(String(client.jid)).toMatch(new RegExp(`^${jid}/`));
    await client.stop();
  }
});
