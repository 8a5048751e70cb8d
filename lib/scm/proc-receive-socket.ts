import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import type { Duplex } from "node:stream";
import { tmpdir } from "node:os";
import path from "node:path";
import { converseProcReceive, type ProcReceiveHandler } from "./proc-receive";

/** The hook Git runs for `receive.procReceiveRefs`: it relays to the socket named below. */
export function gitHooksDir(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.cwd(),
    process.env.PUBFORGE_GIT_HOOKS_DIR ?? "scripts/git-hooks",
  );
}

/** The environment variable through which the hook finds the socket of its push. */
export const PROC_RECEIVE_SOCKET_ENV = "PUBFORGE_PROC_RECEIVE_SOCKET";

export interface ProcReceiveListener {
  readonly socketPath: string;
  close(): Promise<void>;
}

/** A socket where the push's proc-receive hook finds `handler`, which decides its refs. */
export const listenForProcReceive = (handler: ProcReceiveHandler): Promise<ProcReceiveListener> =>
  listenForHook((socket) => converseProcReceive(socket, handler));

/**
 * A Unix socket for one push, in a directory only this process's user may enter (mkdtemp
 * makes it 0700): the push's hook connects once through the relay, and `converse` talks with
 * it. Any later connection is turned away, since the hook runs once per push.
 */
export async function listenForHook(
  converse: (socket: Duplex) => Promise<void>,
): Promise<ProcReceiveListener> {
  const dir = await mkdtemp(path.join(tmpdir(), "pubforge-push-"));
  const socketPath = path.join(dir, "hook");
  let served = false;
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    if (served) return socket.destroy();
    served = true;
    socket.on("error", () => {});
    converse(socket)
      .catch((error: unknown) => console.warn("[push hook] conversation failed", error))
      .finally(() => socket.end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close: () =>
      (closing ??= new Promise<void>((resolve) => server.close(() => resolve())).then(() =>
        rm(dir, { recursive: true, force: true }),
      )),
  };
}
