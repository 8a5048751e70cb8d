/**
 * session-memory: what one signed-in user costs the server process. Pubforge keeps one XMPP
 * session per signed-in user (as Movim does, which reports 10-20 MB per user).
 *
 * 200 accounts (bench0..bench199, even on a.test, odd on b.test) sign in with
 * XmppSession.open, 10 at a time; memory = heapUsed + external after full collections, before
 * and after. Baseline: the same measurement with 200 bare TCP sockets to the same c2s ports,
 * each having sent a stream header and received the server's stream features — the floor for
 * "one open XMPP connection".
 */
import net from "node:net";
import { XmppSession } from "@/lib/xmpp/session";
import type { BenchResult } from "./report";
import { HOSTS, registerAccounts } from "./servers";
import { forEachLimited, kb, ratio, settledMemory } from "./stats";

const SESSIONS = 200;
const CONCURRENCY = 10;
const PASSWORD = "bench-secret";
const GOAL_BYTES = 1024 * 1024;

const users = Array.from({ length: SESSIONS }, (_, i) => ({
  local: `bench${i}`,
  domain: i % 2 === 0 ? "a.test" : "b.test",
}));

/** The live-object memory the benchmark compares: JS heap + memory held outside it (buffers). */
const footprint = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;

async function measure<T>(
  open: () => Promise<T[]>,
  close: (handles: T[]) => Promise<void>,
): Promise<{ perItem: number; leftover: number }> {
  const before = await settledMemory();
  let handles: T[] | undefined = await open();
  const count = handles.length;
  const during = await settledMemory();
  await close(handles);
  handles = undefined; // or the closed handles would still be reachable from here
  const after = await settledMemory();
  return {
    perItem: (footprint(during) - footprint(before)) / count,
    leftover: footprint(after) - footprint(before),
  };
}

async function openSessions(): Promise<XmppSession[]> {
  const sessions: XmppSession[] = [];
  await forEachLimited(users, CONCURRENCY, async ({ local, domain }) => {
    const session = await XmppSession.open({
      jid: `${local}@${domain}`,
      password: PASSWORD,
      hosts: HOSTS,
    });
    if (session.status !== "online") throw new Error(`${session.jid} is ${session.status}`);
    sessions.push(session);
  });
  return sessions;
}

async function closeSessions(sessions: XmppSession[]): Promise<void> {
  await Promise.all(sessions.map((session) => session.close()));
}

const signedKb = (bytes: number) => (bytes >= 0 ? "+" : "−") + kb(Math.abs(bytes));

const STREAM_HEADER = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' version='1.0' xml:lang='en' ` +
  `xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`;

/** A socket that said hello and got the stream features back, and then just stays open. */
function openRawSocket(domain: string): Promise<net.Socket> {
  const { host, port } = HOSTS[domain]!;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => socket.write(STREAM_HEADER(domain)));
    let received = "";
    const onData = (chunk: Buffer) => {
      received += chunk.toString("utf8");
      if (received.includes("</stream:features>")) {
        socket.off("data", onData);
        socket.on("data", () => {}); // keep reading (and discarding), like a live stream
        resolve(socket);
      }
    };
    socket.on("data", onData);
    socket.once("error", reject);
  });
}

async function openSockets(): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  await forEachLimited(users, CONCURRENCY, async ({ domain }) => {
    sockets.push(await openRawSocket(domain));
  });
  return sockets;
}

function closeSockets(sockets: net.Socket[]): Promise<void> {
  return Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          // Not unref'd alone: a pending timer would keep the closed socket reachable.
          const timer = setTimeout(() => socket.destroy(), 1000);
          socket.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          socket.end("</stream:stream>");
        }),
    ),
  ).then(() => {});
}

export async function runSessionMemory(): Promise<BenchResult> {
  const started = Date.now();
  registerAccounts(
    "a.test",
    users.filter((u) => u.domain === "a.test").map((u) => u.local),
    PASSWORD,
  );
  registerAccounts(
    "b.test",
    users.filter((u) => u.domain === "b.test").map((u) => u.local),
    PASSWORD,
  );

  // A full unmeasured round first: the measured one then sees loaded modules, optimised code
  // and warm caches, so what it adds is what each open session holds, not one-time costs.
  await closeSessions(await openSessions());
  await closeSockets(await openSockets());

  const loginStart = performance.now();
  let loginMs = 0;
  const sessions = await measure(async () => {
    const opened = await openSessions();
    loginMs = performance.now() - loginStart;
    return opened;
  }, closeSessions);
  const sockets = await measure(openSockets, closeSockets);

  const notes = [
    `${SESSIONS} sessions (100 on a.test, 100 on b.test), opened ${CONCURRENCY} at a time with ` +
      `SASL PLAIN (loopback) in ${(loginMs / 1000).toFixed(1)} s (${(loginMs / SESSIONS).toFixed(0)} ms/login wall)`,
    `per session: ${kb(sessions.perItem)} of heapUsed + external after full collections ` +
      `(RSS is not used: V8 keeps or returns heap pages as it likes, so its change over 200 ` +
      `sessions is noise of ± a few MB)`,
    `per raw socket (stream header sent, features received): ${kb(sockets.perItem)}`,
    `memory after closing them all, compared with before opening them: ` +
      `${signedKb(sessions.leftover)} for the sessions (${signedKb(sessions.leftover / SESSIONS)} ` +
      `per closed session), ${signedKb(sockets.leftover)} for the sockets; run-to-run noise ` +
      `is a few hundred KB`,
    `Movim, for comparison, reports 10-20 MB per user`,
  ];
  return {
    name: "session-memory",
    date: new Date().toISOString(),
    seconds: (Date.now() - started) / 1000,
    rows: [
      {
        benchmark: "session-memory",
        figure: `XmppSession: ${kb(sessions.perItem)} per session (200 open)`,
        baseline: `bare TCP socket + stream header: ${kb(sockets.perItem)} each`,
        ratio: ratio(sessions.perItem / sockets.perItem),
        goal: "≤ 1 MB per session",
        met: sessions.perItem <= GOAL_BYTES,
      },
    ],
    notes,
  };
}
