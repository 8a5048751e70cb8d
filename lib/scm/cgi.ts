import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { Readable, Transform } from "node:stream";

/**
 * The most of a fetch's request body passed on: its wants and haves (gzipped when large),
 * kilobytes, a few megabytes for the largest histories. Anything longer is refused rather
 * than streamed into the SCM's server without end.
 */
export const MAX_FETCH_BODY_BYTES = 8 * 1024 * 1024;

/** A push carries a pack: the most one may send (a first push of a large history included). */
export const MAX_PUSH_BODY_BYTES = 1024 * 1024 * 1024;

/**
 * Runs a CGI program (Git's `http-backend`, Mercurial's hgweb) for one HTTP request: the body
 * goes to its standard input, and its output streams back as the response, the CGI header
 * block turned into the status and HTTP headers.
 */
export async function runCgi(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  body: ReadableStream<Uint8Array> | null,
  { logName, maxBodyBytes, onExit }: { logName: string; maxBodyBytes: number; onExit?: () => void },
): Promise<Response> {
  const child = spawn(command, args, { env: env as NodeJS.ProcessEnv });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  let overLimit = false;
  if (body) {
    const input = Readable.fromWeb(body as never);
    input.on("error", () => {}); // the client went away: the program sees the end of its input
    input
      .pipe(
        byteLimit(maxBodyBytes, () => {
          overLimit = true;
          input.destroy(); // stop reading the client
          child.kill();
        }),
      )
      .pipe(child.stdin);
  } else child.stdin.end();
  child.stdin.on("error", () => {}); // the program may exit before reading everything

  const { headers, status, rest } = await readCgiHeaders(child.stdout);
  if (overLimit) return tooLarge(maxBodyBytes);
  child.on("close", (code) => {
    onExit?.();
    if (code !== 0) console.warn(`[${logName}] CGI exited ${code}: ${Buffer.concat(stderr)}`);
  });
  return new Response(outputStream(child, rest), { status, headers });
}

/**
 * A program's standard output from `first` on (what was read of it already), as a response
 * body; a client that goes away ends the program. What the program still writes after that is
 * read (so it can exit) and dropped: a cancelled stream refuses it, with an error thrown from
 * the "data" listener, where nothing would catch it.
 */
export function outputStream(
  child: ChildProcessWithoutNullStreams,
  first: Buffer = Buffer.alloc(0),
): ReadableStream<Uint8Array> {
  let open = true;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length > 0) controller.enqueue(new Uint8Array(first));
      child.stdout.on("data", (chunk: Buffer) => {
        if (open) controller.enqueue(new Uint8Array(chunk));
      });
      child.stdout.on("end", () => {
        if (open) controller.close();
        open = false;
      });
      child.stdout.resume();
      child.on("error", (error) => {
        if (open) controller.error(error);
        open = false;
      });
    },
    cancel() {
      open = false;
      child.kill();
    },
  });
}

export function tooLarge(maxBodyBytes: number): Response {
  return new Response(`A request may not exceed ${maxBodyBytes / 1024 / 1024} MB.\n`, {
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

/** Splits the program's CGI output into its header block (up to the first blank line) and the rest. */
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
