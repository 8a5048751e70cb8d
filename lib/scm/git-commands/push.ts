import { checkRevision } from "../browse-input";
import { guardedPush } from "../guarded-push";
import type { PushCredential, PushOptions } from "../types";
import { GIT_ENV, gitdirOf } from "./cli";

// Git asks this helper for the credential (credential.helper "!…" runs through the shell): it
// prints the two variables the child was given, so the secret is on no command line.
const CREDENTIAL_HELPER =
  '!f() { test "$1" = get && printf "username=%s\\npassword=%s\\n" "$PUBFORGE_PUSH_USERNAME" "$PUBFORGE_PUSH_PASSWORD"; }; f';

/**
 * `git push` of one branch, never forced (the upstream refuses a push that would drop its
 * commits). isomorphic-git's push cannot go through a proxy, which the URL policy needs here
 * (guarded-push.ts); Git's own can.
 */
export async function push(
  dir: string,
  target: string,
  branch: string,
  credential: PushCredential,
  options: PushOptions = {},
): Promise<void> {
  const name = checkRevision(branch);
  const gitdir = await gitdirOf(dir);
  await guardedPush(target, credential, options, (proxy, url) => ({
    command: "git",
    args: [
      `--git-dir=${gitdir}`,
      "-c",
      `http.proxy=http://${proxy}`,
      "-c",
      "http.followRedirects=false",
      "-c",
      "credential.helper=",
      "-c",
      `credential.helper=${CREDENTIAL_HELPER}`,
      "-c",
      "core.hooksPath=/dev/null",
      "push",
      "--porcelain",
      "--no-verify",
      url.href,
      `refs/heads/${name}:refs/heads/${name}`,
    ],
    env: {
      ...GIT_ENV,
      PUBFORGE_PUSH_USERNAME: credential.username,
      PUBFORGE_PUSH_PASSWORD: credential.password,
    },
  }));
}
