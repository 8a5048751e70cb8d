import Mechanism from "sasl-scram-sha-1";
import { beforeAll, describe, expect, it } from "vitest";
import { checkServerFinal, ScramServerProofError } from "./scram-server-proof";

/** RFC 5802 §5's exchange (user "user", password "pencil"), run through the real client. */
async function rfc5802Exchange(): Promise<Mechanism> {
  const mechanism = new Mechanism({ genNonce: () => "fyko+d2lbbFgONRv9qkxdawL" });
  const credentials = { username: "user", password: "pencil" };
  expect(await mechanism.response(credentials)).toBe("n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL");
  mechanism.challenge("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096");
  expect(await mechanism.response(credentials)).toBe(
    "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
  );
  return mechanism;
}

const refusal = (serverFinal: string | undefined, expected: Uint8Array | undefined) => {
  try {
    checkServerFinal(serverFinal, expected, "a.example");
  } catch (error) {
    return error;
  }
  return undefined;
};

describe("SCRAM server signature", () => {
  // 4,096 PBKDF2 rounds cost about half a second here: computed once.
  let _serverSignature: Uint8Array | undefined;
  beforeAll(async () => {
    _serverSignature = (await rfc5802Exchange())._serverSignature;
  });

  it("accepts the RFC's server-final-message, with or without extensions", () => {
    expect(refusal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=", _serverSignature)).toBeUndefined();
    expect(refusal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=,x=ext", _serverSignature)).toBeUndefined();
  });

  it("refuses a wrong, truncated or missing signature: a relay cannot forge it", () => {
    for (const final of [
      "v=rmF9pqV8S7suAoZWja4dJRkFsKA=",
      "v=rmF9pqV8S7suAoZWja4dJRk=",
      "v=",
      "",
      undefined,
      "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
      "x=1,v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
    ]) {
      const error = refusal(final, _serverSignature);
      expect(error, String(final)).toBeInstanceOf(ScramServerProofError);
      expect((error as ScramServerProofError).kind).toBe("insecure");
    }
    expect((refusal("v=AAAA", _serverSignature) as Error).message).toBe(
      "The XMPP server for “a.example” did not prove that it knows your password (its server signature is wrong), so it may not be your server. Pubforge has closed the connection.",
    );
  });

  it("refuses when no signature was computed (the exchange never reached its end)", () => {
    expect(refusal("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=", undefined)).toBeInstanceOf(
      ScramServerProofError,
    );
  });

  it("reports a server's e= error as a refusal, quoting at most a few words of it", () => {
    const error = refusal(`e=invalid-proof${"x".repeat(500)}`, _serverSignature) as Error;
    expect(error.message).toMatch(/it said “invalid-proofx+”/);
    expect(error.message.length).toBeLessThan(300);
  });
});
