import { createHash } from "node:crypto";
import path from "node:path";
import { adapterFor } from "@/lib/scm";
import type { MirrorProgress, ScmKind } from "@/lib/scm/types";

/**
 * Local mirrors of the repositories merge requests come from and go to, one directory per
 * source (a clone URL or a local path), refreshed on demand.
 */
export function mirrorRoot(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.cwd(),
    process.env.PUBFORGE_MIRROR_DIR ?? ".run/mirrors",
  );
}

export function mirrorDir(scm: ScmKind, source: string): string {
  const key = createHash("sha256").update(`${scm}\n${source}`).digest("hex").slice(0, 24);
  return path.join(mirrorRoot(), `${scm}-${key}`);
}

/** Clones or fetches `source` into its mirror and returns the mirror's directory. */
export async function refreshMirror(
  scm: ScmKind,
  source: string,
  onProgress?: (progress: MirrorProgress) => void,
): Promise<string> {
  const dir = mirrorDir(scm, source);
  await adapterFor(scm).mirror(source, dir, onProgress);
  return dir;
}
