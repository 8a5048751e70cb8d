import Mechanism from "sasl-scram-sha-1";
import { describe, expect, it } from "vitest";
import {
  MAX_SCRAM_CHALLENGE,
  MAX_SCRAM_ITERATIONS,
  ScramChallengeLengthError,
  ScramIterationsError,
} from "./scram-limits";

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

describe("SCRAM challenge length limit", () => {
  it("refuses a huge challenge before the library's quadratic split reads it", () => {
    const started = performance.now();
    expect(afterServerFirst(`4096,${",".repeat(50_000)}`)).toThrow(ScramChallengeLengthError);
    expect(performance.now() - started).toBeLessThan(100);
    expect(afterServerFirst(`4096,x=${"y".repeat(MAX_SCRAM_CHALLENGE - 100)}`)).not.toThrow();
  });

  it("reads a server-final-message sent as a last challenge without taking it for a round count", async () => {
    const mechanism = afterServerFirst("1")();
    await mechanism.response({ username: "alice", password: "x" });
    expect(() => mechanism.challenge("v=rmF9pqV8S7suAoZWja4dJRkFsKQ=")).not.toThrow();
  });
});
