import { describe, expect, it } from "vitest";
import { signInLimits } from "./sign-in-limits";
import { refusedSignIn } from "./sign-in-refusal";

const ORIGIN = "http://localhost:3000";

function post(jid: string, headers: Record<string, string> = {}, path = "/signin"): Request {
  const body = new FormData();
  body.set("jid", jid);
  body.set("password", "guess");
  return new Request(`${ORIGIN}${path}`, {
    method: "POST",
    body,
    headers: { "x-forwarded-for": "10.1.1.1", ...headers },
  });
}

describe("refusedSignIn", () => {
  it("answers 429 with Retry-After for an account over its limit, before the action runs", async () => {
    for (let failure = 0; failure < 5; failure++) signInLimits().account.fail("mallet@a.test");
    const refused = await refusedSignIn(post(" Mallet@A.test "), ORIGIN);
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(refused?.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(await refused?.text()).toContain("Too many failed sign-ins");
  });

  it("lets through other accounts, other paths, and the page's own script", async () => {
    expect(await refusedSignIn(post("alice@a.test"), ORIGIN)).toBeUndefined();
    expect(await refusedSignIn(post("mallet@a.test", {}, "/"), ORIGIN)).toBeUndefined();
    // The form's script gets the action's answer, which says the same in the form.
    const scripted = post("mallet@a.test", { "next-action": "abc" });
    expect(await refusedSignIn(scripted, ORIGIN)).toBeUndefined();
    const get = new Request(`${ORIGIN}/signin`, { headers: { "x-forwarded-for": "10.1.1.1" } });
    expect(await refusedSignIn(get, ORIGIN)).toBeUndefined();
  });

  it("refuses every account from an address over its limit", async () => {
    for (let failure = 0; failure < 30; failure++) signInLimits().address.fail("10.2.2.2");
    const refused = await refusedSignIn(
      post("alice@a.test", { "x-forwarded-for": "10.2.2.2" }),
      ORIGIN,
    );
    expect(refused?.status).toBe(429);
  });
});
