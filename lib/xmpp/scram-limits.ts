import Mechanism from "sasl-scram-sha-1";

/**
 * The most PBKDF2 rounds a server may ask of Pubforge's CPU at sign-in (10,000 take about half
 * a second here). Real servers ask for 4,096 (ejabberd) to 10,000 (Prosody); a rogue one can
 * ask for 2^31-1, which would keep a core busy for hours on one sign-in.
 */
export const MAX_SCRAM_ITERATIONS = 20_000;

export class ScramIterationsError extends Error {
  constructor(readonly iterations: string) {
    super(`the server asked for ${iterations} SCRAM iterations (at most ${MAX_SCRAM_ITERATIONS})`);
    this.name = "ScramIterationsError";
  }
}

interface ScramMechanism {
  _iterationCount: number;
  challenge(this: ScramMechanism, challenge: string): ScramMechanism;
}

const prototype = (Mechanism as unknown as { prototype: ScramMechanism }).prototype;
const readChallenge = prototype.challenge;

// sasl-scram-sha-1 (used by @xmpp/client) has no limit of its own: it is given one here, once.
if (!(readChallenge as { limited?: boolean }).limited) {
  prototype.challenge = Object.assign(
    function limitedChallenge(this: ScramMechanism, challenge: string) {
      const mechanism = readChallenge.call(this, challenge);
      const count = this._iterationCount;
      if (!(Number.isSafeInteger(count) && count >= 1 && count <= MAX_SCRAM_ITERATIONS)) {
        throw new ScramIterationsError(String(/(?:^|,)i=([^,]*)/.exec(challenge)?.[1] ?? count));
      }
      return mechanism;
    },
    { limited: true },
  );
}
