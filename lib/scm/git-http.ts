import { dirname, basename } from "node:path";
import { MAX_FETCH_BODY_BYTES, MAX_PUSH_BODY_BYTES, runCgi, tooLarge } from "./cgi";
import { gitProtocolOf, isUploadPack, serveUploadPack } from "./git-upload-pack";
import { gitHooksDir, PROC_RECEIVE_SOCKET_ENV } from "./proc-receive-socket";

/** What serving one request of Git's smart HTTP needs to know of it. */
export interface GitHttpRequest {
  /** The bare repository to serve. */
  readonly repository: string;
  /** The path below the repository's URL: `info/refs`, `git-upload-pack`, … */
  readonly path: string;
  readonly method: string;
  readonly query: string;
  readonly contentType: string | null;
  /** Git gzips large fetch negotiations (`Content-Encoding: gzip`); http-backend inflates them. */
  readonly contentEncoding: string | null;
  /** A client's `Git-Protocol` header (protocol v2 negotiation). */
  readonly gitProtocol: string | null;
  /** The `Content-Length` header, when the client sent one (not for a chunked body). */
  readonly contentLength: string | null;
  readonly body: ReadableStream<Uint8Array> | null;
  /** Who pushes, once the caller allowed it: http-backend accepts a push only with a user. */
  readonly remoteUser?: string;
  /** Where this push's proc-receive hook finds the process deciding its refs/for/ updates. */
  readonly procReceive?: ProcReceiveSetting;
}

export interface ProcReceiveSetting {
  readonly socketPath: string;
  /** Every ref goes to the hook, not just refs/for/: a pusher who may not update branches. */
  readonly allRefs: boolean;
  /** Called once git is done (the socket can go). */
  readonly done: () => void;
}

/** Refs Pubforge keeps for itself: neither advertised to clients nor updatable by a push. */
export const HIDDEN_REF_PREFIX = "refs/pubforge";

/**
 * Configuration for every request, given through the environment (GIT_CONFIG_COUNT) so that
 * nothing in the repository's own config is trusted for it: refs/pubforge/ is hidden from
 * fetches and pushes, push options are accepted, and pushes to refs/for/ (or, for someone
 * who may not update branches, to any ref) go to the proc-receive hook, which relays to
 * Pubforge.
 */
export function gitServerConfig(procReceive?: ProcReceiveSetting): Record<string, string> {
  const entries: [string, string][] = [
    ["transfer.hideRefs", HIDDEN_REF_PREFIX],
    ["receive.advertisePushOptions", "true"],
    ["core.hooksPath", gitHooksDir()],
    ["receive.procReceiveRefs", "refs/for"],
  ];
  if (procReceive?.allRefs) entries.push(["receive.procReceiveRefs", "refs"]);
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(entries.length) };
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  if (procReceive) env[PROC_RECEIVE_SOCKET_ENV] = procReceive.socketPath;
  return env;
}

/** A push (`git-receive-pack`), which the caller allows or refuses before git runs. */
export function isPush(path: string, query: string): boolean {
  return (
    path === "git-receive-pack" || new URLSearchParams(query).get("service") === "git-receive-pack"
  );
}

/**
 * Serves one request of Git's smart HTTP protocol with Git's own programs: a fetch with
 * `git upload-pack` (./git-upload-pack.ts), anything else (a push, the dumb protocol's
 * info/refs) with `git http-backend` (a CGI program, from Debian's `git`). Pubforge decides
 * who may read, Git speaks the protocol, and the response streams as Git writes it.
 */
export async function serveGitHttp(
  request: GitHttpRequest,
  maxBodyBytes = isPush(request.path, request.query) ? MAX_PUSH_BODY_BYTES : MAX_FETCH_BODY_BYTES,
): Promise<Response> {
  if (Number(request.contentLength) > maxBodyBytes) return tooLarge(maxBodyBytes);
  if (isUploadPack(request.path, request.query)) {
    return serveUploadPack(request, gitServerEnvironment(), maxBodyBytes);
  }
  const env: Record<string, string> = {
    GIT_PROJECT_ROOT: dirname(request.repository),
    GIT_HTTP_EXPORT_ALL: "1",
    PATH_INFO: `/${basename(request.repository)}/${request.path}`,
    REQUEST_METHOD: request.method,
    QUERY_STRING: request.query,
    CONTENT_TYPE: request.contentType ?? "",
    ...(request.contentEncoding ? { HTTP_CONTENT_ENCODING: request.contentEncoding } : {}),
    ...(request.remoteUser ? { REMOTE_USER: request.remoteUser } : {}),
    ...gitServerEnvironment(request.procReceive),
  };
  const protocol = gitProtocolOf(request.gitProtocol);
  if (protocol) env.GIT_PROTOCOL = protocol;
  return runCgi("git", ["http-backend"], env, request.body, {
    logName: "git",
    maxBodyBytes,
    onExit: request.procReceive?.done,
  });
}

/** The environment every Git program serving a request runs in. */
function gitServerEnvironment(procReceive?: ProcReceiveSetting): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    // Neither the machine's nor a user's Git configuration may change what is served.
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    HOME: "/nonexistent",
    ...gitServerConfig(procReceive),
  };
}
