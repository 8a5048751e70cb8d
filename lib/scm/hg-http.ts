import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { MAX_FETCH_BODY_BYTES, MAX_PUSH_BODY_BYTES, runCgi, tooLarge } from "./cgi";
import { gitHooksDir, PROC_RECEIVE_SOCKET_ENV } from "./proc-receive-socket";

/** What hgweb needs to know of one HTTP request of Mercurial's wire protocol. */
export interface HgHttpRequest {
  /** The repository to serve. */
  readonly repository: string;
  /** The URL path the client used, for the links hgweb writes. */
  readonly scriptName: string;
  readonly method: string;
  readonly query: string;
  /** The request's headers; only those the wire protocol uses are passed on. */
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
  /** Who pushes, once the caller allowed it; hgweb accepts a push only from this user. */
  readonly remoteUser?: string;
  /** A push for review: its changegroup hook reports to the process listening here. */
  readonly changegroupHook?: { readonly socketPath: string; readonly done: () => void };
}

/** The hook line: the pushed nodes, piped into the relay Git's proc-receive hook uses. */
const changegroupHookLine = () =>
  `changegroup.pubforge = printf '%s %s\\n' "$HG_NODE" "$HG_NODE_LAST" | '${path.join(gitHooksDir(), "proc-receive")}'`;

/** A push: `unbundle`, or `pushkey` (bookmarks, phases), which also writes. */
export function isHgPush(query: string): boolean {
  const command = new URLSearchParams(query).get("cmd");
  return command === "unbundle" || command === "pushkey";
}

// hgweb runs in Python: Mercurial's own server for its wire protocol, started per request
// like `git http-backend`. demandimport keeps the start-up to what is used.
const HGWEB = [
  "-c",
  "import sys;from mercurial import demandimport;demandimport.enable();" +
    "from mercurial.hgweb import hgweb, wsgicgi;wsgicgi.launch(hgweb(sys.argv[1].encode()))",
];

/**
 * The Python that runs `hg` (its `#!` line): Mercurial's modules are installed for that one,
 * and a `python3` earlier on PATH (pyenv, a virtualenv) may not have them.
 */
let python: string | undefined;
function hgPython(): string {
  if (python) return python;
  for (const dir of (process.env.PATH ?? "/usr/bin").split(path.delimiter)) {
    try {
      const first = readFileSync(path.join(dir, "hg"), "utf8").slice(0, 200).split("\n")[0]!;
      const interpreter = /^#!\s*(\S+)/.exec(first)?.[1];
      if (interpreter && !interpreter.endsWith("/env")) return (python = interpreter);
    } catch {
      // not in this directory
    }
  }
  return (python = "python3");
}

const PASSED_HEADERS =
  /^(x-hg[a-z0-9-]*|accept|accept-encoding|content-type|content-length|user-agent)$/;

/**
 * Serves one request of Mercurial's HTTP wire protocol with hgweb. Its configuration is only
 * what is written here (HGRCPATH): no machine or user settings, pushes over plain http
 * accepted only from `remoteUser` (the caller decided it may push; TLS is the proxy's job).
 */
export async function hgHttpBackend(request: HgHttpRequest): Promise<Response> {
  const maxBodyBytes = isHgPush(request.query) ? MAX_PUSH_BODY_BYTES : MAX_FETCH_BODY_BYTES;
  if (Number(request.headers.get("content-length")) > maxBodyBytes) return tooLarge(maxBodyBytes);
  const dir = await mkdtemp(path.join(tmpdir(), "pubforge-hgweb-"));
  const hgrc = path.join(dir, "hgrc");
  await writeFile(
    hgrc,
    [
      "[web]",
      "push_ssl = false",
      `allow-push = ${request.remoteUser ?? ""}`,
      "allow_archive =",
      "[ui]",
      "interactive = false",
      ...(request.changegroupHook ? ["[hooks]", changegroupHookLine()] : []),
    ].join("\n"),
  );
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HGRCPATH: hgrc,
    HGPLAIN: "1",
    HGENCODING: "utf-8",
    HOME: "/nonexistent",
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: "HTTP/1.1",
    SERVER_NAME: "localhost",
    SERVER_PORT: "80",
    REQUEST_METHOD: request.method,
    QUERY_STRING: request.query,
    SCRIPT_NAME: request.scriptName,
    PATH_INFO: "",
    ...(request.remoteUser ? { REMOTE_USER: request.remoteUser } : {}),
    ...(request.changegroupHook
      ? { [PROC_RECEIVE_SOCKET_ENV]: request.changegroupHook.socketPath }
      : {}),
  };
  request.headers.forEach((value, name) => {
    if (!PASSED_HEADERS.test(name)) return;
    const key = name.toUpperCase().replaceAll("-", "_");
    env[key === "CONTENT_TYPE" || key === "CONTENT_LENGTH" ? key : `HTTP_${key}`] = value;
  });
  const response = await runCgi(hgPython(), [...HGWEB, request.repository], env, request.body, {
    logName: "hg",
    maxBodyBytes,
    onExit: request.changegroupHook?.done,
  });
  // The settings file is read at start-up; it can go once hgweb answers.
  void rm(dir, { recursive: true, force: true });
  return response;
}
