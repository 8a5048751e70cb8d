import { findProject } from "@/lib/cache/projects";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import { projectNodes } from "@/lib/forge/nodes";
import { followAsViewer } from "@/lib/forge/federation/viewer-follow";

/**
 * How long a service's answer is reused. A "no" is kept only briefly, so someone an owner just
 * added as a member gets in on their next page; a revoked member keeps access at most a minute.
 */
const ALLOWED_TTL_MS = 60_000;
const REFUSED_TTL_MS = 3_000;

const answers = new WeakMap<XmppSession, Map<string, { allowed: boolean; at: number }>>();

/**
 * Whether the cache may show a project to this viewer. Public (open) projects: anyone.
 * Members-only ones: only viewers whose own XMPP session the pubsub service lets read the
 * project's info node; the shared cache never answers that on its own.
 */
export async function canViewProject(id: string, viewer: Viewer | null): Promise<boolean> {
  const project = await findProject(id);
  if (!project) return false;
  if (project.accessModel === "open") return true;
  if (!viewer) return false;
  const known = answers.get(viewer.session)?.get(id);
  const ttl = known?.allowed ? ALLOWED_TTL_MS : REFUSED_TTL_MS;
  if (known && Date.now() - known.at < ttl) return known.allowed;
  let allowed: boolean;
  try {
    await getItems(viewer.session, project.service, projectNodes(project.slug).info, {
      ids: ["info"],
    });
    allowed = true;
    // Nobody else keeps this cache fresh: the member's own session follows it (awaited, so
    // that what happens after this page is shown reaches it).
    if (!project.followed) {
      await followAsViewer(viewer.session, project).catch((error: unknown) =>
        console.warn(`[access] ${viewer.jid} cannot follow ${id}: ${(error as Error).message}`),
      );
    }
  } catch (error) {
    if (!isFailure(error, "forbidden", "item-not-found")) throw error;
    allowed = false;
  }
  const perSession = answers.get(viewer.session) ?? new Map();
  perSession.set(id, { allowed, at: Date.now() });
  answers.set(viewer.session, perSession);
  return allowed;
}
