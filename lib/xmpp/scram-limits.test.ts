import Mechanism from "sasl-scram-sha-1";
import { describe, expect, it } from "vitest";
import { MAX_SCRAM_ITERATIONS, ScramIterationsError } from "./scram-limits";

interface Scram {
  response(credentials: object): string | Promise<string>;
  challenge(text: string): Scram;
}

/** The client side of SCRAM-SHA-1 up to the server's first message, which names the rounds. */
function afterServerFirst(iterations: string): () => Scram {
  const mechanism = new Mechanism() as unknown as Scram;
  const clientFirst = String(mechanism.response({ username: "alice", password: "x" }));
  const nonce = /r=([^,]+)/.exec(clientFirst)![1];
  return () => mechanism.challenge(`r=${nonce}server,s=c2FsdA==,i=${iterations}`);
}

describe("SCRAM iteration limit", () => {
  it("refuses a server that asks for billions of rounds, before any hashing", () => {
    expect(afterServerFirst("2147483647")).toThrow(ScramIterationsError);
    expect(afterServerFirst("0")).toThrow(ScramIterationsError);
    expect(afterServerFirst("many")).toThrow(/asked for many SCRAM iterations/);
  });

  it("accepts what real servers ask", async () => {
    expect(afterServerFirst(String(MAX_SCRAM_ITERATIONS))).not.toThrow();
    const mechanism = afterServerFirst("4096")();
    await expect(
      Promise.resolve(mechanism.response({ username: "alice", password: "x" })),
    ).resolves.toMatch(/^c=biws,r=.*,p=/);
  });
});
