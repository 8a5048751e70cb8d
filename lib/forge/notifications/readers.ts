import { findProject } from "@/lib/cache/projects";
import { sessionRegistry } from "@/lib/xmpp/registry";
import { connectedInstance, isManagedService } from "@/lib/forge/federation/instance-account";
import { MEMBER_AFFILIATIONS, projectAffiliations } from "@/lib/forge/projects/affiliations";
import { rememberedAnswer, sessionReadsProject } from "@/lib/forge/projects/member-answers";

/**
 * Which of these users may read the project, as its service says (docs/architecture.md §13):
 * anyone for an open project; for a members-only one on the instance's own service its
 * members, as the service tells the instance; elsewhere, those signed in here whose own
 * session the service lets read it, from a server believed about that service. Someone not
 * signed in is nobody's to vouch for: they are told nothing of it.
 */
export async function mayRead(projectId: string, jids: readonly string[]): Promise<Set<string>> {
  const lower = [...new Set(jids.map((jid) => jid.toLowerCase()))];
  const project = await findProject(projectId);
  if (!project) return new Set();
  if (project.accessModel === "open") return new Set(lower);
  if (isManagedService(project.service)) {
    const affiliations = await projectAffiliations(project, connectedInstance());
    if (!affiliations) return new Set();
    return new Set(
      lower.filter((jid) => {
        const affiliation = affiliations.get(jid);
        return affiliation !== undefined && MEMBER_AFFILIATIONS.has(affiliation);
      }),
    );
  }
  const readers = new Set<string>();
  for (const jid of lower) {
    const session = sessionRegistry().sessionOf(jid);
    if (!session) continue;
    const viewer = { jid, session };
    const allowed = await rememberedAnswer(session, project.id, () =>
      sessionReadsProject(project, viewer),
    ).catch((error: unknown) => {
      console.warn(
        `[notifications] ${jid} not asked of ${project.id}: ${(error as Error).message}`,
      );
      return false;
    });
    if (allowed) readers.add(jid);
  }
  return readers;
}
