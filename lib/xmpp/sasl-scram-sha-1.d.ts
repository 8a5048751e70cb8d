declare module "sasl-scram-sha-1" {
  /**
   * The SCRAM-SHA-1 client @xmpp/client uses, with the internal state Pubforge reads: the
   * round count the server asked for, and the signature a server knowing the password sends.
   */
  class Mechanism {
    constructor(options?: { genNonce?: () => string });
    readonly name: "SCRAM-SHA-1";
    _stage: "initial" | "challenge" | "final";
    _iterationCount: number;
    _serverSignature?: Uint8Array;
    response(credentials: object): string | Promise<string>;
    challenge(challenge: string): Mechanism;
  }
  export default Mechanism;
}
