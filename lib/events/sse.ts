/** Sends one named event whose data is `data` as JSON. */
export type SseSend = (event: string, data: unknown) => void;

const encoder = new TextEncoder();

/**
 * Bytes of events whose data is an object, by that object. One change reaches every stream
 * watching its project as the same object (lib/events/bus.ts): with a thousand open pages it
 * is serialised and encoded once, not once per stream. Data objects are never changed after
 * they are sent (each change and session state is a new object).
 */
const encodedEvents = new WeakMap<object, { event: string; bytes: Uint8Array }>();

function encodeEvent(event: string, data: unknown): Uint8Array {
  const encode = () => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  if (typeof data !== "object" || data === null) return encode();
  const known = encodedEvents.get(data);
  if (known?.event === event) return known.bytes;
  const bytes = encode();
  encodedEvents.set(data, { event, bytes });
  return bytes;
}

/** Proxies drop idle connections; a comment line every 25 s keeps each stream open. */
export const KEEP_ALIVE_MS = 25_000;
const KEEP_ALIVE = encoder.encode(`: keep-alive\n\n`);
const CONNECTED = encoder.encode(`retry: 2000\n: connected\n\n`);

/** One timer for every open stream, rather than one per stream, running while any is open. */
const keepAlive = {
  writers: new Set<(bytes: Uint8Array) => void>(),
  timer: undefined as ReturnType<typeof setInterval> | undefined,
  add(write: (bytes: Uint8Array) => void): () => void {
    this.writers.add(write);
    this.timer ??= setInterval(() => {
      for (const writer of this.writers) writer(KEEP_ALIVE);
    }, KEEP_ALIVE_MS);
    return () => {
      this.writers.delete(write);
      if (this.writers.size > 0 || !this.timer) return;
      clearInterval(this.timer);
      this.timer = undefined;
    };
  },
};

/**
 * A Server-Sent Events response: `start` subscribes to whatever it streams and returns how to
 * unsubscribe, which runs when the browser goes away or when `start`'s `close` ends the stream.
 */
export function sseResponse(
  request: Request,
  start: (send: SseSend, close: () => void) => () => void,
): Response {
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const write = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          stop();
        }
      };
      write(CONNECTED);
      const unsubscribe = start(
        (event, data) => write(encodeEvent(event, data)),
        () => close(),
      );
      const stopKeepAlive = keepAlive.add(write);
      stop = () => {
        stopKeepAlive();
        unsubscribe();
        stop = () => {};
      };
      request.signal.addEventListener("abort", close);
    },
    cancel() {
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
