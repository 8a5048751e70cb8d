import { config } from "@/lib/config";
import { ForgeError } from "@/lib/forge/errors";
import { isManagedService } from "@/lib/forge/federation/instance";
import { affiliationsByService } from "@/lib/forge/projects/maintainers";
import { projectNodes } from "@/lib/forge/nodes";
import { decodeProjectInfo, encodeProjectInfo } from "@/lib/forge/projects/codec";
import { loadProject } from "@/lib/forge/projects/load-project";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import type { Viewer } from "@/lib/forge/viewer";
import { ScmKindSchema } from "@/lib/scm/types";
import type { DataForm } from "@/lib/xmpp/dataform";
import { parseXml } from "@/lib/xmpp/xml";
import { hostedRepositoryUrl } from "./clone-address";
import { isHostedHere, refreshProjectRepository } from "./mirrors";
import { setRepositoryProgress } from "./pull-schedule";

/**
 * Moves a project's repository into hosting here: the project's copy (its upstream and the
 * merges made here) is brought up to date and becomes the hosted repository, then the
 * project's info is republished naming this instance as its repository host and the hosted
 * URL as its clone URL. Only for a project on this instance's own service, and only for its
 * owners as that service tells the instance: it changes where everyone gets the code.
 */
export async function importIntoHosting(
  viewer: Viewer,
  id: string,
  where: { origin: string },
): Promise<void> {
  const project = await loadProject(id);
  if (isHostedHere(project)) throw new ForgeError("already-hosted");
  if (!isManagedService(project.service)) {
    throw new ForgeError("repository-not-hostable", { service: project.service });
  }
  if (!project.cloneUrl) throw new ForgeError("no-repository");
  const affiliations = await affiliationsByService(project);
  if (affiliations?.get(viewer.jid.toLowerCase()) !== "owner")
    throw new ForgeError("import-needs-owner");

  const scm = ScmKindSchema.parse(project.scm);
  setRepositoryProgress(project.id, { phase: "Copying the upstream repository" });
  try {
    await refreshProjectRepository({ ...project, scm }, (progress) =>
      setRepositoryProgress(project.id, progress),
    );
  } finally {
    setRepositoryProgress(project.id, undefined);
  }
  const info = encodeProjectInfo(
    project.service,
    project.slug,
    {
      name: project.name,
      description: project.description,
      scm,
      cloneUrl: hostedRepositoryUrl(where.origin, project.service, project.slug, scm),
      defaultBranch: project.defaultBranch,
      access: project.accessModel === "open" ? "open" : "whitelist",
      repositoryHost: config().PUBFORGE_INSTANCE_JID,
    },
    previousForm(project.rawXml),
  );
  await publishAndApply(viewer, project.service, projectNodes(project.slug).info, info, {
    itemId: "info",
    accessModel: project.accessModel,
  });
}

/** The info form as cached, so that fields other clients set survive the republication. */
function previousForm(rawXml: string): DataForm | undefined {
  try {
    const decoded = decodeProjectInfo(parseXml(rawXml));
    return decoded.ok ? decoded.project.form : undefined;
  } catch {
    return undefined;
  }
}
