import {
  followedProjects,
  projectCommentsUris,
  setFollowed,
  setMirror,
} from "@/lib/cache/projects";
import { config } from "@/lib/config";
import { changeBus } from "@/lib/events/bus";
import { backoffDelay } from "@/lib/xmpp/backoff";
import { discoInfo } from "@/lib/xmpp/disco";
import { isFailure, XmppFailure } from "@/lib/xmpp/errors";
import { getItems, type IqRequester, subscribe, unsubscribe } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { parseXmppUri } from "@/lib/xmpp/xmpp-uri";
import { projectContentNodes } from "@/lib/forge/nodes";
import { catchUpMirror, mirrorPubsubEvent } from "./mirror";
import { InstanceForwarding, NOT_CONNECTED } from "./instance-forwarding";
import { InstanceLock } from "./instance-lock";
import { holdsInstance } from "./instance-duties";
import { ReachabilityWatch, type Reachability } from "./reachability";
import {
  INSTANCE_RETRY,
  instanceJid,
  instancePubsubService,
  instanceState,
  isManagedService,
} from "./instance-account";
import { applyItems, applyPubsubEvent, syncProject } from "@/lib/forge/sync/sync";

/*
 * The forge's own XMPP account. It keeps the cache of followed projects fresh with nobody
 * signed in (subscriptions + notifications), and, as an admin of its own domain's pubsub
 * component, creates nodes there on users' behalf (Prosody lets only admins create nodes).
 * Its identity and state: instance-account.ts.
 */
export { instanceJid, instancePubsubService, isManagedService } from "./instance-account";

/** What callers ask of the instance session: requests, as the instance's account. */
export interface InstanceRequester extends IqRequester {
  readonly jid: string;
}

/**
 * The instance session, connecting it on first use; undefined while its server is away. In a
 * process that does not hold the instance lock, a stand-in whose requests the holder performs
 * (instance-forwarding.ts); they fail as "not connected" while no process holds the session.
 */
export async function instanceSession(): Promise<InstanceRequester | undefined> {
  const forwarding = instanceState().forwarding;
  if (!holdsInstance()) {
    return forwarding ? { jid: instanceJid(), ...forwarding.requester() } : undefined;
  }
  return ownInstanceSession();
}

/** This process's own instance session (the only process, or the lock's holder). */
async function ownInstanceSession(): Promise<XmppSession | undefined> {
  const s = instanceState();
  if (!holdsInstance()) return undefined;
  if (s.session && s.session.status !== "offline") return s.session;
  s.starting ??= connectInstance().finally(() => {
    s.starting = undefined;
  });
  return s.starting;
}

async function connectInstance(): Promise<XmppSession | undefined> {
  const s = instanceState();
  try {
    const session = await XmppSession.open({
      jid: instanceJid(),
      password: config().PUBFORGE_INSTANCE_PASSWORD,
      // One resource per program: a restarted server replaces its own stale session, and a
      // script (the demo seed) beside a running server does not knock it off.
      resource: config().PUBFORGE_INSTANCE_RESOURCE,
    });
    session.on("pubsub", (event) => {
      applyPubsubEvent(event)
        .then((result) => followNodes(session, result?.commentsNodes ?? []))
        .then(() => mirrorPubsubEvent(session, event))
        .catch((error) => console.error("[instance] could not apply a pubsub event:", error));
    });
    session.on("status", (status) => {
      if (status === "online") void resyncFollowed();
      // An ending for good (password changed, account removed): open a new session later
      // rather than waiting for someone to need it, so notifications resume by themselves.
      if (status === "offline" && s.session === session) {
        s.session = undefined;
        setTimeout(() => void ownInstanceSession(), backoffDelay(0, INSTANCE_RETRY)).unref();
      }
    });
    if (!holdsInstance()) {
      await session.close(); // the lock went while connecting
      return undefined;
    }
    s.session = session;
    s.retry.reset();
    void resyncFollowed();
    return session;
  } catch (error) {
    console.error(`[instance] ${instanceJid()} could not connect: ${(error as Error).message}`);
    // Try again later, backing off, so a server that was down is picked up when it returns.
    setTimeout(() => void ownInstanceSession(), s.retry.next()).unref();
    return undefined;
  }
}

/**
 * With several app processes on one PostgreSQL cache: this process opens the instance session
 * only while it holds the instance lock (instance-lock.ts), and closes it when it loses it.
 * Meanwhile its instance requests are forwarded to the holder, and, holding it, it performs
 * the others' (instance-forwarding.ts).
 */
export async function holdInstanceThroughPostgres(url: string): Promise<void> {
  const s = instanceState();
  if (s.lock) return;
  s.forwarding = new InstanceForwarding({
    url,
    holds: holdsInstance,
    perform: async (iq) => {
      const session = await ownInstanceSession();
      if (!session) throw new XmppFailure("disconnected", NOT_CONNECTED);
      return session.request(iq);
    },
  });
  s.lock = new InstanceLock({
    url,
    onAcquired: () => {
      console.info(`[instance] this process holds ${instanceJid()}`);
      void ownInstanceSession();
    },
    onLost: () => {
      console.warn(`[instance] lost the instance lock; closing ${instanceJid()}`);
      void stopInstance();
    },
  });
  await s.forwarding.start();
  await s.lock.start();
}

/**
 * Subscribes the instance to nodes, once per node until the next reconnect (`subscribed`:
 * what this process asked, itself or through the holder).
 */
async function followNodes(
  session: InstanceRequester,
  nodes: { service: string; node: string }[],
): Promise<void> {
  const s = instanceState();
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

/** Subscribes the instance to a node a project gained after it was followed, and reads it. */
export async function followProjectNode(service: string, node: string): Promise<void> {
  const session = await instanceSession();
  if (!session) return;
  await followNodes(session, [{ service, node }]);
  const items = await getItems(session, service, node).catch(() => []);
  await applyItems(service, node, items);
}

/** Subscribes the instance to a project's nodes and refills its cache. */
export async function followProject(service: string, slug: string): Promise<void> {
  const session = await instanceSession();
  if (!session) return;
  // The holder probes homes; it watches this one from its next resync on.
  if (holdsInstance()) homes().watch(service);
  await followNodes(
    session,
    projectContentNodes(slug).map((node) => ({ service, node })),
  );
  const report = await syncProject(session, service, slug);
  await followNodes(session, report.commentsNodes);
}

/**
 * Stops following a project: the instance unsubscribes from its nodes and its comments nodes
 * (wherever they live) and stops probing its home if it follows nothing else there. While the
 * instance or the home is away nothing changes, so a later attempt can finish the job; a node
 * that is gone, or not subscribed to, is done with.
 */
export async function unfollowProject(project: {
  id: string;
  service: string;
  slug: string;
}): Promise<void> {
  const s = instanceState();
  const session = s.session;
  if (!session) throw new XmppFailure("disconnected", "the instance is not connected");
  const comments = (await projectCommentsUris(project.id)).flatMap((uri) => {
    const address = parseXmppUri(uri);
    return address?.node ? [{ service: address.jid, node: address.node }] : [];
  });
  const nodes = [
    ...projectContentNodes(project.slug).map((node) => ({ service: project.service, node })),
    ...comments,
  ];
  for (const { service, node } of nodes) {
    await unsubscribe(session, service, node, session.jid).catch((error: unknown) => {
      if (isFailure(error, "unreachable", "timeout", "disconnected")) throw error;
    });
    s.subscribed.delete(`${service}\n${node}`);
  }
  await setFollowed(project.id, false);
  const followed = await followedProjects();
  if (!followed.some((other) => other.service === project.service))
    homes().unwatch(project.service);
}

/** After a (re)connect: catch up on everything missed while away. */
async function resyncFollowed(): Promise<void> {
  instanceState().subscribed.clear();
  await resync(await followedProjects());
}

async function resync(projects: { id: string; service: string; slug: string }[]): Promise<void> {
  for (const project of projects) {
    try {
      await followProject(project.service, project.slug);
      const session = instanceState().session;
      if (session) await catchUpMirror(session, project.id);
    } catch (error) {
      if (isFailure(error, "unreachable")) {
        homes().reportOutage(project.service);
      }
      console.warn(`[instance] could not resync ${project.id}: ${(error as Error).message}`);
    }
  }
}

/** For /health: whether the instance is connected, and which home services are away. */
export function instanceHealth(): { jid: string; status: string; unreachable: string[] } {
  const s = instanceState();
  if (!holdsInstance()) return { jid: instanceJid(), status: "standby", unreachable: [] };
  return {
    jid: instanceJid(),
    status: s.session?.status ?? (s.starting ? "connecting" : "offline"),
    unreachable: (s.homes?.watched() ?? []).filter((service) => !homeStatus(service).reachable),
  };
}

/** Whether a project's home service answers the instance (see ReachabilityWatch). */
export function homeStatus(service: string): Reachability {
  return homes().status(service);
}

function homes(): ReachabilityWatch {
  const s = instanceState();
  s.homes ??= new ReachabilityWatch({
    probe: async (service) => {
      const session = await instanceSession();
      if (!session) throw new XmppFailure("disconnected", "the instance is not connected");
      await discoInfo(session, service);
    },
    isOutage: (error) => isFailure(error, "unreachable", "timeout", "disconnected"),
    onChange: (service, { reachable }) => void homeChanged(service, reachable),
  });
  return s.homes;
}

/** Open pages re-render (banner on or off); a returning home is caught up with. */
async function homeChanged(service: string, reachable: boolean): Promise<void> {
  console.info(`[instance] ${service} is ${reachable ? "back" : "unreachable"}`);
  const projects = (await followedProjects()).filter((project) => project.service === service);
  for (const project of projects) {
    changeBus().publish({ projectId: project.id, kind: "project", id: project.id });
  }
  // A restart of the instance's own server is caught up with by the session's "online".
  if (reachable && !isManagedService(service)) await resync(projects);
}

/**
 * Starts mirroring a followed project onto the instance's own pubsub service; the copy is
 * made in the background (its progress shows on the project's pages).
 */
export async function mirrorOnInstance(project: {
  id: string;
  service: string;
  slug: string;
}): Promise<void> {
  const session = await instanceSession();
  if (!session) {
    throw new XmppFailure(
      "disconnected",
      "Pubforge is not connected to XMPP right now. Try again soon.",
    );
  }
  await setMirror(project.id, { mirrorService: instancePubsubService() });
  await followProject(project.service, project.slug);
  void catchUpMirror(session, project.id).catch((error) =>
    console.warn(`[instance] could not mirror ${project.id}: ${(error as Error).message}`),
  );
}

export async function stopInstance(): Promise<void> {
  const s = instanceState();
  s.homes?.stop();
  const session = s.session;
  s.session = undefined; // first, so its "offline" does not schedule a new session
  await session?.close();
}
