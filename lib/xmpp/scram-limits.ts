import Mechanism from "sasl-scram-sha-1";

/**
 * The most PBKDF2 rounds a server may ask of Pubforge's CPU at sign-in (10,000 take about half
 * a second here). Real servers ask for 4,096 (ejabberd) to 10,000 (Prosody); a rogue one can
 * ask for 2^31-1, which would keep a core busy for hours on one sign-in.
 */
export const MAX_SCRAM_ITERATIONS = 20_000;

/**
 * The longest SCRAM challenge read. A real one is under 200 characters (nonces, salt, count);
 * the library splits challenges with a pattern that is quadratic in their length (40 KB of
 * commas take a second), so a longer one is refused before it is parsed.
 */
export const MAX_SCRAM_CHALLENGE = 4096;

export class ScramIterationsError extends Error {
  constructor(readonly iterations: string) {
    super(`the server asked for ${iterations} SCRAM iterations (at most ${MAX_SCRAM_ITERATIONS})`);
    this.name = "ScramIterationsError";
  }
}

export class ScramChallengeLengthError extends Error {
  constructor(readonly length: number) {
    super(
      `the server sent a SCRAM challenge of ${length} characters (at most ${MAX_SCRAM_CHALLENGE})`,
    );
    this.name = "ScramChallengeLengthError";
  }
}

const prototype = Mechanism.prototype;
const readChallenge = prototype.challenge;

// sasl-scram-sha-1 (used by @xmpp/client) has no limit of its own: it is given one here, once.
if (!(readChallenge as { limited?: boolean }).limited) {
  prototype.challenge = Object.assign(
    function limitedChallenge(this: Mechanism, challenge: string) {
      if (challenge.length > MAX_SCRAM_CHALLENGE) {
        throw new ScramChallengeLengthError(challenge.length);
      }
      // Only the server's first message names the rounds; its final one (`v=…`), which some
      // servers send as a last challenge, has none.
      const serverFirst = this._stage === "challenge";
      const mechanism = readChallenge.call(this, challenge);
      const count = this._iterationCount;
      if (
        serverFirst &&
        !(Number.isSafeInteger(count) && count >= 1 && count <= MAX_SCRAM_ITERATIONS)
      ) {
        throw new ScramIterationsError(String(/(?:^|,)i=([^,]*)/.exec(challenge)?.[1] ?? count));
      }
      return mechanism;
    },
    { limited: true },
  );
}
