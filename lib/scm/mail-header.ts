/**
 * RFC 2047 encoded words, which `git format-patch` uses for any non-ASCII `From:` name or
 * `Subject:` (`=?UTF-8?q?Zo=C3=AB?=`), and which `git am` decodes.
 */

const ENCODED_WORD = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g;
// Q-encoding may leave these as they are in a phrase (RFC 2047 §5(3)); everything else is =XX.
const Q_SAFE = /^[A-Za-z0-9!*+\-/]$/;
const WORD_PAYLOAD = 75 - "=?UTF-8?q??=".length;

export function decodeHeader(value: string): string {
  // Whitespace between two encoded words is only folding, not text (RFC 2047 §6.2).
  const joined = value.replace(/(\?=)\s+(?==\?[^?\s]+\?[QqBb]\?)/g, "$1");
  return joined.replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => {
    const bytes = encoding.toUpperCase() === "B" ? Buffer.from(text, "base64") : decodeQ(text);
    try {
      return new TextDecoder(charset.replace(/\*.*$/, "")).decode(bytes);
    } catch {
      return word;
    }
  });
}

function decodeQ(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === "=" ? /^[0-9A-Fa-f]{2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else {
      bytes.push(text[i] === "_" ? 0x20 : text.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/** The header value as is when plain ASCII, else as folded UTF-8 Q-encoded words. */
export function encodeHeader(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value) && !value.includes("=?")) return value;
  const words: string[] = [];
  let payload = "";
  for (const char of value) {
    const encoded = Q_SAFE.test(char)
      ? char
      : [...new TextEncoder().encode(char)]
          .map((byte) => `=${byte.toString(16).toUpperCase().padStart(2, "0")}`)
          .join("");
    if (payload.length + encoded.length > WORD_PAYLOAD) {
      words.push(payload);
      payload = "";
    }
    payload += encoded;
  }
  words.push(payload);
  return words.map((word) => `=?UTF-8?q?${word}?=`).join("\n ");
}

/** Header lines of a mail, continuation lines joined, names lower-cased; the first of each wins. */
export function readHeaders(lines: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, "");
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers.set(last, `${headers.get(last)}${line}`);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).toLowerCase();
    if (headers.has(last)) {
      last = undefined;
      continue;
    }
    headers.set(last, line.slice(colon + 1).trim());
  }
  return headers;
}
