import { stat } from "node:fs/promises";
import { join } from "node:path";

export async function detect(dir: string): Promise<boolean> {
  return (await stat(join(dir, ".hg")).catch(() => undefined))?.isDirectory() ?? false;
}
