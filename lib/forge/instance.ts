import { followedProjects } from "@/lib/cache/projects";
import { config } from "@/lib/config";
import { splitJid } from "@/lib/xmpp/jid";
import { subscribe } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { projectNodes } from "./nodes";
import { applyPubsubEvent, syncProject } from "./sync";

/**
 * The forge's own XMPP account. It keeps the cache of followed projects fresh with nobody
 * signed in (subscriptions + notifications), and, as an admin of its own domain's pubsub
 * component, creates nodes there on users' behalf (Prosody lets only admins create nodes).
 */
interface InstanceState {
  session?: XmppSession;
  starting?: Promise<XmppSession | undefined>;
  subscribed: Set<string>;
  retryMs: number;
}

const globalForInstance = globalThis as unknown as { pubforgeInstance?: InstanceState };

function state(): InstanceState {
  globalForInstance.pubforgeInstance ??= { subscribed: new Set(), retryMs: 1000 };
  return globalForInstance.pubforgeInstance;
}

export function instanceJid(): string {
  return config().PUBFORGE_INSTANCE_JID;
}

/** The pubsub services where the instance account may create nodes: its own domain's. */
export function isManagedService(service: string): boolean {
  return service === `pubsub.${splitJid(instanceJid()).domain}`;
}

/** The instance session, connecting it on first use; undefined while its server is away. */
export async function instanceSession(): Promise<XmppSession | undefined> {
  const s = state();
  if (s.session && s.session.status !== "offline") return s.session;
  s.starting ??= connectInstance().finally(() => {
    s.starting = undefined;
  });
  return s.starting;
}

async function connectInstance(): Promise<XmppSession | undefined> {
  const s = state();
  try {
    const session = await XmppSession.open({
      jid: instanceJid(),
      password: config().PUBFORGE_INSTANCE_PASSWORD,
      resource: "pubforge-instance",
    });
    session.on("pubsub", (event) => {
      applyPubsubEvent(event)
        .then((result) => followNodes(result?.commentsNodes ?? []))
        .catch((error) => console.error("[instance] could not apply a pubsub event:", error));
    });
    session.on("status", (status) => {
      if (status === "online") void resyncFollowed();
    });
    s.session = session;
    s.retryMs = 1000;
    void resyncFollowed();
    return session;
  } catch (error) {
    console.error(`[instance] ${instanceJid()} could not connect: ${(error as Error).message}`);
    // Try again later, backing off, so a server that was down is picked up when it returns.
    setTimeout(() => void instanceSession(), s.retryMs).unref();
    s.retryMs = Math.min(s.retryMs * 2, 60_000);
    return undefined;
  }
}

async function followNodes(nodes: { service: string; node: string }[]): Promise<void> {
  const s = state();
  const session = s.session;
  if (!session) return;
  for (const { service, node } of nodes) {
    const key = `${service}\n${node}`;
    if (s.subscribed.has(key)) continue;
    try {
      await subscribe(session, service, node, session.jid);
      s.subscribed.add(key);
    } catch (error) {
      console.warn(`[instance] cannot follow ${node}: ${(error as Error).message}`);
    }
  }
}

/** Subscribes the instance to a project's nodes and refills its cache. */
export async function followProject(service: string, slug: string): Promise<void> {
  const session = await instanceSession();
  if (!session) return;
  const nodes = projectNodes(slug);
  await followNodes(
    [
      nodes.info,
      nodes.tickets,
      nodes.mergeRequests,
      nodes.mergeRequestRevisions,
      nodes.wiki,
      nodes.wikiHistory,
    ].map((node) => ({ service, node })),
  );
  const report = await syncProject(session, service, slug);
  await followNodes(report.commentsNodes);
}

/** After a (re)connect: catch up on everything missed while away. */
async function resyncFollowed(): Promise<void> {
  state().subscribed.clear();
  for (const project of await followedProjects()) {
    try {
      await followProject(project.service, project.slug);
    } catch (error) {
      console.warn(`[instance] could not resync ${project.id}: ${(error as Error).message}`);
    }
  }
}

export async function stopInstance(): Promise<void> {
  const s = state();
  await s.session?.close();
  s.session = undefined;
}
