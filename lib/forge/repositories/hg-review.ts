import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { converseChangegroup } from "@/lib/scm/hg-changegroup";
import { hgHttpBackend, isHgPush, type HgHttpRequest } from "@/lib/scm/hg-http";
import { adapterFor } from "@/lib/scm/index";
import { listenForHook } from "@/lib/scm/proc-receive-socket";
import {
  askForCredentials,
  principalJid,
  publisherFor,
  refusal,
  repositoryAccess,
  type PushContext,
  type RepositoryPrincipal,
} from "./http";
import { mirrorRoot } from "./mirrors";
import { publishPushedSeries, type PushPublisher } from "./pushed-series";

/**
 * Mercurial's push for review: `hg push https://<instance>/p/<service>/<slug>.hg/for/<branch>`.
 * Mercurial has no refs to route as Git does, so the path does it: the push goes into a
 * scratch copy of the project's repository (one per pusher, project and branch, made afresh
 * at the start of each push), never into the repository itself; the changesets it adds
 * become the series of the pusher's merge request against `<branch>`, and its `changegroup`
 * hook prints the merge request's address. Anyone who may read the project may push here.
 */
export async function serveHgPushForReview(
  service: string,
  slug: string,
  branch: string,
  principal: RepositoryPrincipal,
  request: Omit<HgHttpRequest, "repository" | "remoteUser">,
  context: PushContext,
): Promise<Response> {
  const jid = principalJid(principal);
  // Every request needs the pusher: the scratch copy is theirs.
  if (!jid) return askForCredentials("Pushing for review needs your JID and password or token.");
  const push = isHgPush(request.query);
  const opening = new URLSearchParams(request.query).get("cmd") === "capabilities";
  const access = await repositoryAccess(service, slug, "hg", principal, push, opening);
  if (!access.ok) return access.response;
  const adapter = adapterFor("hg");
  // The branch's tip in the project's repository: in the scratch copy the push moves it.
  const tip = await adapter.resolve(access.dir, branch);
  if (!tip) {
    return refusal(404, `${access.project.name} has no branch “${branch}” to push for review to.`);
  }
  const scratch = path.join(
    mirrorRoot(),
    "hg-review",
    createHash("sha256")
      .update(`${access.project.id}\n${jid}\n${branch}`)
      .digest("hex")
      .slice(0, 24),
  );
  if (opening) await rm(scratch, { recursive: true, force: true });
  if (opening || !existsSync(scratch)) await adapter.pull(access.dir, scratch);
  const served = { ...request, repository: scratch, remoteUser: jid };
  if (!push) return hgHttpBackend(served);

  let publisher: Promise<PushPublisher> | undefined;
  const listener = await listenForHook((socket) =>
    converseChangegroup(socket, async ({ last }, say) => {
      try {
        const published = await publishPushedSeries(
          { project: access.project, scm: "hg", dir: scratch, pusher: jid, origin: context.origin },
          { base: tip.id, head: last, targetBranch: branch, sourceRef: `for/${branch}` },
          {},
          () => (publisher ??= publisherFor(principal, context.origin)),
        );
        say(published.message);
      } catch (error) {
        say(`No merge request was published: ${context.explain(error)}`);
      } finally {
        await publisher?.then((opened) => opened.release()).catch(() => {});
      }
    }),
  );
  const done = () => void listener.close();
  try {
    return await hgHttpBackend({
      ...served,
      changegroupHook: { socketPath: listener.socketPath, done },
    });
  } catch (error) {
    done();
    throw error;
  }
}
