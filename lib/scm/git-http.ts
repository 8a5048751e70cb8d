import { spawn } from "node:child_process";
import { dirname, basename } from "node:path";
import { Readable, Transform } from "node:stream";

/** What `git http-backend` needs to know of one HTTP request. */
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
}

/**
 * The most of a request body passed to Git. A fetch sends its wants and haves (gzipped when
 * large): kilobytes, a few megabytes for the largest histories. Anything longer is refused
 * rather than streamed into `git http-backend` without end.
 */
export const MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024;

/** Only fetching is served: a push (`git-receive-pack`) is refused before git runs. */
export function isPush(path: string, query: string): boolean {
  return (
    path === "git-receive-pack" || new URLSearchParams(query).get("service") === "git-receive-pack"
  );
}

/**
 * Serves one request of Git's smart HTTP protocol with Git's own server, `git http-backend`
 * (a CGI program, from Debian's `git`): Pubforge decides who may read, Git speaks the protocol.
 * The response streams as Git writes it; the CGI header block is turned into HTTP headers.
 */
export async function gitHttpBackend(
  request: GitHttpRequest,
  maxBodyBytes = MAX_REQUEST_BODY_BYTES,
): Promise<Response> {
  if (Number(request.contentLength) > maxBodyBytes) return tooLarge(maxBodyBytes);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    GIT_PROJECT_ROOT: dirname(request.repository),
    GIT_HTTP_EXPORT_ALL: "1",
    PATH_INFO: `/${basename(request.repository)}/${request.path}`,
    REQUEST_METHOD: request.method,
    QUERY_STRING: request.query,
    CONTENT_TYPE: request.contentType ?? "",
    ...(request.contentEncoding ? { HTTP_CONTENT_ENCODING: request.contentEncoding } : {}),
    ...(request.gitProtocol ? { GIT_PROTOCOL: request.gitProtocol } : {}),
    // Neither the machine's nor a user's Git configuration may change what is served.
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    HOME: "/nonexistent",
  };
  const child = spawn("git", ["http-backend"], { env: env as NodeJS.ProcessEnv });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  let overLimit = false;
  if (request.body) {
    const body = Readable.fromWeb(request.body as never);
    body.on("error", () => {}); // the client went away: git sees the end of its input
    body
      .pipe(
        byteLimit(maxBodyBytes, () => {
          overLimit = true;
          body.destroy(); // stop reading the client
          child.kill();
        }),
      )
      .pipe(child.stdin);
  } else child.stdin.end();
  child.stdin.on("error", () => {}); // git may exit before reading everything (a bad request)

  const { headers, status, rest } = await readCgiHeaders(child.stdout);
  if (overLimit) return tooLarge(maxBodyBytes);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (rest.length > 0) controller.enqueue(new Uint8Array(rest));
      child.stdout.on("data", (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk)));
      child.stdout.on("end", () => controller.close());
      child.stdout.resume();
      child.on("error", (error) => controller.error(error));
    },
    cancel() {
      child.kill();
    },
  });
  child.on("close", (code) => {
    if (code !== 0) console.warn(`[git] http-backend exited ${code}: ${Buffer.concat(stderr)}`);
  });
  return new Response(body, { status, headers });
}

function tooLarge(maxBodyBytes: number): Response {
  return new Response(`A request to Git may not exceed ${maxBodyBytes / 1024 / 1024} MB.\n`, {
    status: 413,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Passes bytes through until `max` have gone by; past that, drops them and says so once. */
function byteLimit(max: number, onOver: () => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen <= max) return done(null, chunk);
      if (seen - chunk.length <= max) onOver();
      done();
    },
  });
}

/** Splits git's CGI output into its header block (up to the first blank line) and the rest. */
function readCgiHeaders(
  stdout: Readable,
): Promise<{ headers: Headers; status: number; rest: Buffer }> {
  return new Promise((resolve) => {
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = headerEnd(buffered);
      if (!end && buffered.length < 64 * 1024) return;
      stdout.off("data", onData).off("end", onEnd).pause();
      if (!end) return resolve({ headers: new Headers(), status: 502, rest: Buffer.alloc(0) });
      resolve({
        ...parseCgiHeaders(buffered.subarray(0, end.at)),
        rest: buffered.subarray(end.at + end.length),
      });
    };
    const onEnd = () => resolve({ headers: new Headers(), status: 502, rest: Buffer.alloc(0) });
    stdout.on("data", onData).on("end", onEnd);
  });
}

function parseCgiHeaders(block: Buffer): { headers: Headers; status: number } {
  const headers = new Headers();
  let status = 200;
  for (const line of block.toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") status = Number.parseInt(value, 10) || 500;
    else headers.append(name, value);
  }
  return { headers, status };
}

function headerEnd(buffer: Buffer): { at: number; length: number } | undefined {
  const crlf = buffer.indexOf("\r\n\r\n");
  const lf = buffer.indexOf("\n\n");
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf >= 0) return { at: lf, length: 2 };
  return undefined;
}
