import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
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

/**
 * A Unix socket for one push, in a directory only this process's user may enter (mkdtemp
 * makes it 0700): the push's proc-receive hook connects once, and `handler` decides its refs.
 * Any later connection is turned away, since Git runs the hook once per push.
 */
export async function listenForProcReceive(
  handler: ProcReceiveHandler,
): Promise<ProcReceiveListener> {
  const dir = await mkdtemp(path.join(tmpdir(), "pubforge-push-"));
  const socketPath = path.join(dir, "hook");
  let served = false;
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    if (served) return socket.destroy();
    served = true;
    socket.on("error", () => {});
    converseProcReceive(socket, handler)
      .catch((error: unknown) => console.warn("[proc-receive] conversation failed", error))
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
