import { z } from "zod";
import {
  clearPushTarget,
  findRepositoryMirror,
  markPushPending,
  savePushState,
  savePushTarget,
} from "@/lib/cache/repository-mirrors";
import { changeBus } from "@/lib/events/bus";
import type { Project } from "@/lib/generated/prisma/client";
import { ForgeError } from "@/lib/forge/errors";
import { projectId } from "@/lib/forge/nodes";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { loadProject } from "@/lib/forge/projects/load-project";
import type { Viewer } from "@/lib/forge/viewer";
import { adapterFor } from "@/lib/scm/index";
import { type PushCredential, ScmKindSchema } from "@/lib/scm/types";
import { checkRemoteUrl, repositoryUrlPolicy } from "@/lib/scm/url-policy";
import { isHostedHere, readProjectRepository, type RepositoryOwner } from "./mirrors";
import { sealingKey, sealSecret, unsealSecret } from "./sealed-secret";

/**
 * A push mirror: where merges made here go, for a project whose repository lives elsewhere.
 * Its owners and maintainers set it with a credential of the upstream's (a user and a token or
 * password), sealed at once and never shown again. After a merge moves a branch, the branch is
 * pushed there (never forced); a failed push leaves the merge in place and the branch pending,
 * pushed again on the next merge, on "Push now", and by the pull schedule.
 */
const NO_CONTROL = /^[^\x00-\x1f\x7f]*$/;

export const PushMirrorSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Give the URL to push to")
    .max(2000)
    .refine((text) => !/^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(text), {
      message: "Put the user and the token in their own fields, not in the URL",
    }),
  username: z
    .string()
    .trim()
    .min(1, "Give the user the upstream knows you as")
    .max(300)
    .regex(NO_CONTROL, "The user holds a control character"),
  secret: z
    .string()
    .min(1, "Give the token or password")
    .max(2000)
    .regex(NO_CONTROL, "The token holds a control character (a line break?)"),
});

const StoredCredentialSchema = z.object({ username: z.string(), password: z.string() });

async function checkMayConfigure(viewer: Viewer, project: Project): Promise<void> {
  if (isHostedHere(project)) throw new ForgeError("push-mirror-hosted-here");
  if (!(await isProjectMaintainer(viewer, project, "trusted-readings"))) {
    throw new ForgeError("push-mirror-needs-maintainer", { service: project.service });
  }
}

/** Sets or replaces the project's push mirror; the URL passes the same policy as clone URLs. */
export async function setPushMirror(viewer: Viewer, id: string, input: unknown): Promise<void> {
  const form = PushMirrorSchema.parse(input);
  const project = await loadProject(id);
  await checkMayConfigure(viewer, project);
  const key = sealingKey();
  if (!key) throw new ForgeError("no-secret-key");
  const { url } = await checkRemoteUrl(form.url, repositoryUrlPolicy());
  const credential: PushCredential = { username: form.username, password: form.secret };
  await savePushTarget(project.id, {
    pushUrl: url.href,
    pushSecret: sealSecret(JSON.stringify(credential), key, project.id),
    pushSetBy: viewer.jid,
    pushSetAt: new Date(),
  });
}

export async function removePushMirror(viewer: Viewer, id: string): Promise<void> {
  const project = await loadProject(id);
  await checkMayConfigure(viewer, project);
  await clearPushTarget(project.id);
}

/** Pushes the branches still pending now (the default branch if none is). */
export async function pushNow(viewer: Viewer, id: string): Promise<PushOutcome> {
  const project = await loadProject(id);
  await checkMayConfigure(viewer, project);
  const mirror = await findRepositoryMirror(project.id);
  if (!mirror?.pushUrl) throw new ForgeError("no-push-mirror");
  const owner = { ...project, scm: ScmKindSchema.parse(project.scm) };
  return pushPending(
    owner,
    pendingOf(mirror.pendingBranches).length ? [] : [project.defaultBranch],
  );
}

export type PushOutcome = { pushed: true } | { pushed: false; reason: string };

/**
 * After a merge moved `branch`: pushes it, and whatever is still pending, to the push mirror
 * if the project has one. Never throws: a push that fails is recorded for the project's page
 * and tried again later, and the merge stands.
 */
export async function pushMergedBranch(project: RepositoryOwner, branch: string): Promise<void> {
  await pushPending(project, [branch]).catch((error: unknown) =>
    console.warn(`[mirrors] push of ${project.service}/${project.slug} failed:`, error),
  );
}

/**
 * After a merge moved `branch`: marks it pending for the push mirror, if the project has one,
 * and pushes in the background, so the merge answers without waiting for the upstream (a push
 * may take until its timeout). Open pages hear of the outcome on the change bus.
 */
export async function pushAfterMerge(project: RepositoryOwner, branch: string): Promise<void> {
  const id = projectId(project.service, project.slug);
  if (!(await markPushPending(id, branch))) return;
  changeBus().publish({ projectId: id, kind: "project", id });
  void pushMergedBranch(project, branch);
}

/** Tries again what is pending (the pull schedule's retry); nothing when nothing is. */
export async function retryPendingPush(project: RepositoryOwner): Promise<void> {
  await pushMergedBranch(project, "");
}

const pendingOf = (text: string) => text.split("\n").filter(Boolean);

async function pushPending(project: RepositoryOwner, also: string[]): Promise<PushOutcome> {
  const id = projectId(project.service, project.slug);
  // Inside the repository's queue: the state read, the pushes and the state written are not
  // interleaved with a merge or another push. Without a repository here there is nothing to push.
  const outcome = await readProjectRepository(project, async (dir): Promise<PushOutcome> => {
    const mirror = await findRepositoryMirror(id);
    if (!mirror?.pushUrl) return { pushed: true };
    const branches = [...new Set([...pendingOf(mirror.pendingBranches), ...also])].filter(Boolean);
    if (branches.length === 0) return { pushed: true };
    const credential = openCredential(mirror.pushSecret, id);
    const left: string[] = [];
    const reasons: string[] = [];
    for (const branch of branches) {
      const failure = credential.ok
        ? await adapterFor(project.scm)
            .push(dir, mirror.pushUrl, branch, credential.value)
            .then(() => undefined)
            .catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
        : credential.reason;
      if (failure !== undefined) {
        left.push(branch);
        reasons.push(failure);
      }
    }
    const reason = [...new Set(reasons)].join("; ");
    await savePushState(id, {
      pushState: left.length > 0 ? "failed" : "ok",
      pushError: reason,
      pendingBranches: left,
    });
    changeBus().publish({ projectId: id, kind: "project", id });
    return left.length > 0 ? { pushed: false, reason } : { pushed: true };
  });
  return outcome ?? { pushed: true };
}

function openCredential(
  sealed: string,
  id: string,
): { ok: true; value: PushCredential } | { ok: false; reason: string } {
  const key = sealingKey();
  const unreadable = {
    ok: false as const,
    reason: "the stored credential does not open with this server's key: set the push mirror again",
  };
  if (!key) return unreadable;
  try {
    const plain = unsealSecret(sealed, key, id);
    return { ok: true, value: StoredCredentialSchema.parse(JSON.parse(plain)) };
  } catch {
    // Altered, sealed under another key, or not what this code seals: set it again.
    return unreadable;
  }
}
