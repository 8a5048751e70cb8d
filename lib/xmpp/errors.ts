/**
 * Turns what @xmpp/client throws into a sentence a person can act on. The raw error is
 * kept as `cause` for logs; passwords never appear in either.
 */
export class XmppFailure extends Error {
  constructor(
    readonly kind:
      | "not-authorized"
      | "unknown-domain"
      | "refused-address"
      | "insecure"
      | "unreachable"
      | "timeout"
      | "forbidden"
      | "item-not-found"
      | "conflict"
      | "disconnected"
      | "bad-payload"
      | "other",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "XmppFailure";
  }
}

/** Whether an error is an XmppFailure of one of these kinds. */
export function isFailure(error: unknown, ...kinds: XmppFailure["kind"][]): error is XmppFailure {
  return error instanceof XmppFailure && kinds.includes(error.kind);
}

interface ErrorLike {
  name?: string;
  code?: string;
  condition?: string;
  message?: string;
  text?: string;
}

/**
 * What Node's TLS reports when a certificate cannot be verified (OpenSSL's X509_V_ERR names,
 * `ERR_TLS_CERT_ALTNAME_INVALID` for a certificate of another name) or the handshake itself
 * fails (`ERR_SSL_*`); @xmpp/starttls throws `STARTTLS_FAILURE` when the server answers
 * `<failure/>` to STARTTLS.
 */
const TLS_FAILURE = /CERT|SELF_SIGNED|^UNABLE_TO_|^ERR_SSL_|^ERR_TLS_/;

const UNREACHABLE = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET"]);

export function describeConnectError(error: unknown, domain: string): XmppFailure {
  if (error instanceof XmppFailure) return error;
  const e = (error ?? {}) as ErrorLike;
  if (TLS_FAILURE.test(e.code ?? "") || e.message === "STARTTLS_FAILURE") {
    return new XmppFailure(
      "insecure",
      `The XMPP server for “${domain}” could not set up a verified encrypted connection (${e.code ?? "STARTTLS refused"}); Pubforge will not send your password over it.`,
      { cause: error },
    );
  }
  if (e.name === "SASLError" || e.condition === "not-authorized") {
    return new XmppFailure(
      "not-authorized",
      "The XMPP server rejected this address and password. Check both and try again.",
      { cause: error },
    );
  }
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN" || e.condition === "host-unknown") {
    return new XmppFailure(
      "unknown-domain",
      `No XMPP server could be found for “${domain}”. Check the part after the @.`,
      { cause: error },
    );
  }
  if (UNREACHABLE.has(e.code ?? "")) {
    return new XmppFailure(
      "unreachable",
      `The XMPP server for “${domain}” is not answering. It may be down; try again in a moment.`,
      { cause: error },
    );
  }
  // connect.ts turns a `see-other-host` redirect into this error instead of following it.
  if (e.condition === "see-other-host") {
    return new XmppFailure(
      "refused-address",
      `The XMPP server for “${domain}” asked Pubforge to go to another address, which it does not do. Check the part after the @.`,
      { cause: error },
    );
  }
  if (e.name === "TimeoutError" || e.code === "ETIMEDOUT") {
    return new XmppFailure(
      "timeout",
      `The XMPP server for “${domain}” took too long to answer. Try again in a moment.`,
      { cause: error },
    );
  }
  return new XmppFailure(
    "other",
    `Could not connect to “${domain}”: ${e.message ?? "unknown error"}.`,
    {
      cause: error,
    },
  );
}

/** Errors returned by a pubsub service in an `<iq type="error">`. */
export function describeStanzaError(error: unknown, what: string): XmppFailure {
  if (error instanceof XmppFailure) return error;
  const e = (error ?? {}) as ErrorLike;
  switch (e.condition) {
    case "forbidden":
    case "not-authorized":
    case "not-allowed":
    case "registration-required":
      return new XmppFailure(
        "forbidden",
        `The pubsub service refused to ${what}: you do not have permission. Ask a project maintainer for access.`,
        { cause: error },
      );
    case "item-not-found":
      return new XmppFailure(
        "item-not-found",
        `Could not ${what}: it no longer exists on the pubsub service.`,
        { cause: error },
      );
    case "conflict":
      return new XmppFailure("conflict", `Could not ${what}: it already exists.`, { cause: error });
    case "service-unavailable":
      return new XmppFailure(
        "other",
        `Could not ${what}: the pubsub service does not offer this (or the node is gone).`,
        { cause: error },
      );
    case "remote-server-not-found":
    case "remote-server-timeout":
      return new XmppFailure(
        "unreachable",
        `Could not ${what}: the server that hosts it is not reachable right now. Your text is kept; try again later.`,
        { cause: error },
      );
  }
  if (e.name === "TimeoutError") {
    return new XmppFailure("timeout", `Could not ${what}: the server took too long to answer.`, {
      cause: error,
    });
  }
  return new XmppFailure(
    "other",
    `Could not ${what}: ${e.text || e.condition || e.message || "unknown error"}.`,
    {
      cause: error,
    },
  );
}
