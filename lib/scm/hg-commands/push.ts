import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkRevision } from "../browse-input";
import { guardedPush } from "../guarded-push";
import type { PushCredential, PushOptions } from "../types";
import { HG_ENV } from "./command";

/**
 * `hg push -r <branch>`, never forced: a push that would add a head upstream is refused by hg.
 * The credential goes into an `[auth]` section of a private temporary hgrc, the only
 * configuration the push reads (HGRCPATH), removed afterwards; guarded-push.ts has refused
 * line ends in it, which would let it add settings.
 */
export async function push(
  dir: string,
  target: string,
  branch: string,
  credential: PushCredential,
  options: PushOptions = {},
): Promise<void> {
  const name = checkRevision(branch);
  const scratch = await mkdtemp(path.join(tmpdir(), "pubforge-hg-push-"));
  try {
    await guardedPush(target, credential, options, async (proxy, url) => {
      const hgrc = path.join(scratch, "hgrc");
      const prefix = `${url.host}${url.pathname}`;
      await writeFile(
        hgrc,
        [
          "[auth]",
          `mirror.prefix = ${prefix}`,
          `mirror.schemes = ${url.protocol.slice(0, -1)}`,
          `mirror.username = ${credential.username}`,
          `mirror.password = ${credential.password}`,
          "",
        ].join("\n"),
        { mode: 0o600 },
      );
      return {
        command: "hg",
        args: [
          "--config",
          "ui.interactive=false",
          "--config",
          `http_proxy.host=${proxy}`,
          "--config",
          "http_proxy.always=true",
          "push",
          "-R",
          path.resolve(dir),
          "-r",
          name,
          "--",
          url.href,
        ],
        env: { ...HG_ENV, HGRCPATH: hgrc },
        alsoFine: [1],
      };
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
