import { describe, expect, it } from "vitest";
import { XmppFailure } from "./errors";
import { ScramServerProofError } from "./scram-server-proof";
import { terminalReason } from "./session-end";

const sasl = (condition: string) => ({ name: "SASLError", condition });
const stream = (condition: string, text = "") => ({ name: "StreamError", condition, text });

describe("terminalReason", () => {
  it("ends the session when the server no longer takes the password", () => {
    expect(terminalReason(sasl("not-authorized"), "b.test")).toBe(
      "b.test no longer accepts your password (it was changed, or the account was removed).",
    );
    expect(terminalReason(sasl("account-disabled"), "b.test")).toMatch(/disabled/);
    expect(terminalReason(sasl("credentials-expired"), "b.test")).toMatch(/expired/);
    expect(terminalReason(sasl("invalid-mechanism"), "b.test")).toMatch(/invalid-mechanism/);
  });

  it("keeps retrying after a temporary SASL failure", () => {
    expect(terminalReason(sasl("temporary-auth-failure"), "b.test")).toBeUndefined();
    expect(terminalReason(sasl("aborted"), "b.test")).toBeUndefined();
  });

  it("ends on a deleted account or a resource taken over, quoting the server", () => {
    expect(terminalReason(stream("not-authorized", "Account deleted"), "b.test")).toBe(
      "b.test closed your session (“Account deleted”).",
    );
    expect(terminalReason(stream("conflict"), "a.test")).toMatch(/Another sign-in replaced/);
  });

  it("reconnects after a restart, a password re-check or a broken socket", () => {
    expect(terminalReason(stream("system-shutdown", "Server is shutting down"), "b.test")).toBe(
      undefined,
    );
    // Prosody says "reset" to every session when a password is set; the reconnect's SASL
    // exchange then tells whether the password this session holds still works.
    expect(terminalReason(stream("reset", "Password changed"), "b.test")).toBeUndefined();
    expect(terminalReason(Object.assign(new Error("x"), { code: "ECONNREFUSED" }), "b.test")).toBe(
      undefined,
    );
    expect(terminalReason(undefined, "b.test")).toBeUndefined();
  });

  it("ends when a reconnect finds the server without verified TLS or its SCRAM proof", () => {
    const plain = new XmppFailure("insecure", "“b.test” does not offer encryption; …");
    expect(terminalReason(plain, "b.test")).toBe(plain.message);
    expect(terminalReason(new ScramServerProofError("b.test", "x"), "b.test")).toMatch(
      /did not prove that it knows your password/,
    );
    expect(terminalReason({ code: "CERT_HAS_EXPIRED" }, "b.test")).toMatch(
      /could not set up a verified encrypted connection \(CERT_HAS_EXPIRED\)/,
    );
  });
});
