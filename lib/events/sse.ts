/** Sends one named event whose data is `data` as JSON. */
export type SseSend = (event: string, data: unknown) => void;

/**
 * A Server-Sent Events response: `start` subscribes to whatever it streams and returns how to
 * unsubscribe, which runs when the browser goes away or when `start`'s `close` ends the stream.
 */
export function sseResponse(
  request: Request,
  start: (send: SseSend, close: () => void) => () => void,
): Response {
  const encoder = new TextEncoder();
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
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      write(`retry: 2000\n: connected\n\n`);
      const unsubscribe = start(
        (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        () => close(),
      );
      // Proxies drop idle connections; a comment line every 25 s keeps this one open.
      const keepAlive = setInterval(() => write(`: keep-alive\n\n`), 25_000);
      stop = () => {
        clearInterval(keepAlive);
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
