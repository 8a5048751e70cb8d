import { afterEach, describe, expect, it, vi } from "vitest";
import { KEEP_ALIVE_MS, sseResponse, type SseSend } from "./sse";

/** An open stream: its `send`, every chunk it wrote so far, and how to leave (the tab closing). */
function openStream() {
  const abort = new AbortController();
  let send: SseSend = () => {};
  let unsubscribed = 0;
  const response = sseResponse(
    new Request("http://forge.test/events", { signal: abort.signal }),
    (s) => {
      send = s;
      return () => unsubscribed++;
    },
  );
  const chunks: Uint8Array[] = [];
  const reader = response.body!.getReader();
  const reading = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      chunks.push(value);
    }
  })();
  return {
    send: (event: string, data: unknown) => send(event, data),
    chunks,
    text: () => chunks.map((c) => new TextDecoder().decode(c)).join(""),
    leave: async () => {
      abort.abort();
      await reading;
      return unsubscribed;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("sseResponse", () => {
  it("writes named JSON events and unsubscribes once when the browser leaves", async () => {
    const stream = openStream();
    stream.send("change", { projectId: "a/demo", kind: "ticket", id: "t1" });
    await settle();
    expect(stream.text()).toBe(
      `retry: 2000\n: connected\n\n` +
        `event: change\ndata: {"projectId":"a/demo","kind":"ticket","id":"t1"}\n\n`,
    );
    expect(await stream.leave()).toBe(1);
  });

  it("encodes one change once for every stream it reaches", async () => {
    const streams = [openStream(), openStream(), openStream()];
    const change = { projectId: "a/demo", kind: "ticket", id: "t1" };
    for (const stream of streams) stream.send("change", change);
    // A different event with the same data is its own text.
    streams[0]!.send("other", change);
    await settle();
    const [first, second, third] = streams.map((stream) => stream.chunks[1]);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(streams[0]!.text()).toContain(`event: other\ndata: {"projectId":"a/demo"`);
    await Promise.all(streams.map((stream) => stream.leave()));
  });

  it("keeps every open stream alive with one timer, and none once all have left", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const streams = [openStream(), openStream(), openStream()];
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(KEEP_ALIVE_MS);
    await settle();
    for (const stream of streams) expect(stream.text()).toContain(": keep-alive\n\n");
    await streams[0]!.leave();
    expect(vi.getTimerCount()).toBe(1);
    await Promise.all(streams.slice(1).map((stream) => stream.leave()));
    expect(vi.getTimerCount()).toBe(0);
  });
});
