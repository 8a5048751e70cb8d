import { ScmError } from "./errors";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A file's bytes as text, when they are UTF-8 (what edits of its lines can be made on). */
export function textOf(path: string, data: Uint8Array): string {
  try {
    return utf8.decode(data);
  } catch {
    throw new ScmError(`${path} is not a UTF-8 text file`);
  }
}
