import type { Project } from "@/lib/generated/prisma/client";
import { config } from "@/lib/config";
import { isFailure } from "@/lib/xmpp/errors";
import { getItems } from "@/lib/xmpp/pubsub";
import type { XmppSession } from "@/lib/xmpp/session";
import type { Viewer } from "@/lib/forge/viewer";
import { projectNodes } from "@/lib/forge/nodes";
import { sessionVouchedFor } from "@/lib/forge/federation/trust";

/*
 * The answers about who may read a members-only project, kept per session, and the question a
 * viewer's own session asks of a service elsewhere. Apart from access.ts, which also follows
 * the project with the session, so that the sync's notifications (which the sync imports) can
 * ask too without an import cycle and without subscribing anyone.
 */

/**
 * How long a service's answer is reused. A "no" is kept only briefly, so someone an owner just
 * added as a member gets in on their next page; a revoked member keeps access at most a minute.
 */
const ALLOWED_TTL_MS = 60_000;
const REFUSED_TTL_MS = 3_000;

const answers = new WeakMap<XmppSession, Map<string, { allowed: boolean; at: number }>>();

/** The answer this session was given about the project lately, else `ask`'s, remembered. */
export async function rememberedAnswer(
  session: XmppSession,
  projectId: string,
  ask: () => Promise<boolean>,
): Promise<boolean> {
  const known = answers.get(session)?.get(projectId);
  const ttl = known?.allowed ? ALLOWED_TTL_MS : REFUSED_TTL_MS;
  if (known && Date.now() - known.at < ttl) return known.allowed;
  const allowed = await ask();
  const perSession = answers.get(session) ?? new Map();
  perSession.set(projectId, { allowed, at: Date.now() });
  answers.set(session, perSession);
  return allowed;
}

/**
 * Whether the viewer's own session may read a project on a service elsewhere: only a server
 * that hosts the service (or the instance's own server) is believed (trust.ts), and then the
 * service must hand that session the project's info item.
 */
export async function sessionReadsProject(
  project: Pick<Project, "service" | "slug">,
  viewer: Viewer,
): Promise<boolean> {
  if (!sessionVouchedFor(viewer.jid, project.service, config().PUBFORGE_INSTANCE_JID)) {
    return false;
  }
  try {
    await getItems(viewer.session, project.service, projectNodes(project.slug).info, {
      ids: ["info"],
    });
    return true;
  } catch (error) {
    if (isFailure(error, "forbidden", "item-not-found")) return false;
    throw error;
  }
}
