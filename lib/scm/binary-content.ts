// Git's own test for binary content looks for a NUL in the first 8000 bytes.
const BINARY_PROBE = 8000;

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Binary for Git (a NUL byte), or text that is not UTF-8 and so cannot be shown or patched as is. */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return true;
  try {
    decoder.decode(bytes);
    return false;
  } catch {
    return true;
  }
}
