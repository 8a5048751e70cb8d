import { describe, expect, it, onTestFinished } from "vitest";
import { Backoff } from "@/lib/xmpp/backoff";
import { EventStream, type EventSourceLike, REOPEN_BACKOFF } from "./event-stream";

class FakeSource implements EventSourceLike {
  onopen: ((event: Event) => unknown) | null = null;
  onerror: ((event: Event) => unknown) | null = null;
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  /** The browser gave up: the server answered something else than a stream (a 429). */
  refused(): void {
    this.readyState = 2;
    this.onerror?.(new Event("error"));
  }
  emit(type: string, data: string): void {
    for (const listener of this.listeners.get(type) ?? [])
      listener({ data } as MessageEvent<string>);
  }
}

function setup() {
  const opened: FakeSource[] = [];
  const tasks: (() => void)[] = [];
  const timers: { task: () => void; ms: number; cancelled: boolean }[] = [];
  const stream = new EventStream(
    (url) => {
      const source = new FakeSource(url);
      opened.push(source);
      return source;
    },
    (task) => tasks.push(task),
    (task, ms) => {
      const timer = { task, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    new Backoff(REOPEN_BACKOFF, () => 0),
  );
  const flush = () => tasks.splice(0).forEach((task) => task());
  const open = () => opened.filter((s) => !s.closed);
  /** Runs the timers due, as if their time had come. */
  const elapse = () =>
    timers.splice(0).forEach((timer) => {
      if (!timer.cancelled) timer.task();
    });
  return { stream, opened, open, flush, timers, elapse };
}

const project = (seen: string[] = [], live: boolean[] = []) => ({
  onChange: (data: string) => seen.push(data),
  onLive: (value: boolean) => live.push(value),
});

describe("EventStream", () => {
  it("opens one stream for the header and the project together", () => {
    const { stream, open, opened, flush } = setup();
    const sessions: string[] = [];
    const changes: string[] = [];
    stream.watchSession("k1", (data) => sessions.push(data));
    stream.watchProject("pubsub.a.test/demo", project(changes));
    flush();
    expect(opened.map((s) => s.url)).toEqual(["/events?project=pubsub.a.test%2Fdemo&session=k1"]);
    open()[0]!.emit("session", '{"state":"reconnecting"}');
    open()[0]!.emit("change", '{"id":"t1"}');
    expect(sessions).toEqual(['{"state":"reconnecting"}']);
    expect(changes).toEqual(['{"id":"t1"}']);
  });

  it("reports live only once the stream carrying the project is open", () => {
    const { stream, open, flush } = setup();
    stream.watchSession("k1", () => {});
    flush();
    open()[0]!.onopen?.(new Event("open"));
    const live: boolean[] = [];
    stream.watchProject("pubsub.a.test/demo", project([], live));
    expect(live).toEqual([false]); // the open stream is the session-only one
    flush();
    open()[0]!.onopen?.(new Event("open"));
    open()[0]!.onerror?.(new Event("error"));
    expect(live).toEqual([false, true, false]);
  });

  it("keeps the stream across a navigation within the same project", () => {
    const { stream, opened, flush } = setup();
    const stop = stream.watchProject("pubsub.a.test/demo", project());
    flush();
    stop();
    stream.watchProject("pubsub.a.test/demo", project());
    flush();
    expect(opened).toHaveLength(1);
    expect(opened[0]!.closed).toBe(false);
  });

  it("switches streams for another project or a new sign-in, and closes when unwatched", () => {
    const { stream, opened, open, flush } = setup();
    const stopSession = stream.watchSession("k1", () => {});
    const stopA = stream.watchProject("a/one", project());
    flush();
    stopA();
    const stopB = stream.watchProject("a/two", project());
    flush();
    stopSession();
    const stopNew = stream.watchSession("k2", () => {});
    flush();
    expect(opened.map((s) => s.url)).toEqual([
      "/events?project=a%2Fone&session=k1",
      "/events?project=a%2Ftwo&session=k1",
      "/events?project=a%2Ftwo&session=k2",
    ]);
    stopB();
    stopNew();
    flush();
    expect(open()).toEqual([]);
  });

  it("after a refusal, opens again later and later, not at once nor never", () => {
    const { stream, opened, timers, elapse, flush } = setup();
    stream.watchSession("k1", () => {});
    flush();
    opened[0]!.refused();
    // Re-rendering asks for the same stream: it waits for its turn.
    stream.watchProject("a/one", project()).call(undefined);
    flush();
    expect(opened).toHaveLength(1);
    expect(timers.map((timer) => timer.ms)).toEqual([REOPEN_BACKOFF.initialMs]);
    elapse();
    expect(opened).toHaveLength(2);
    opened[1]!.refused();
    expect(timers.map((timer) => timer.ms)).toEqual([2 * REOPEN_BACKOFF.initialMs]);
    elapse();
    // Once a stream opens, the next refusal starts from the shortest delay again.
    opened[2]!.onopen?.(new Event("open"));
    opened[2]!.refused();
    expect(timers.map((timer) => timer.ms)).toEqual([REOPEN_BACKOFF.initialMs]);
  });

  it("does not reopen a refused stream nobody watches any more", () => {
    const { stream, opened, elapse, flush } = setup();
    const stop = stream.watchSession("k1", () => {});
    flush();
    opened[0]!.refused();
    stop();
    flush();
    elapse();
    expect(opened).toHaveLength(1);
  });

  it("ignores the events of a stream it already closed", () => {
    const { stream, opened, flush } = setup();
    const changes: string[] = [];
    const live: boolean[] = [];
    const stop = stream.watchProject("a/one", project(changes, live));
    flush();
    stop();
    flush();
    opened[0]!.onopen?.(new Event("open"));
    opened[0]!.emit("change", "late");
    expect(changes).toEqual([]);
    expect(live).toEqual([false]);
  });
});

describe("EventStream defaults", () => {
  it("defers with the platform's queueMicrotask (called unbound, as browsers require)", async () => {
    const original = globalThis.queueMicrotask;
    // Chromium throws "Illegal invocation" when it is called as a method of another object.
    globalThis.queueMicrotask = function (this: unknown, task: () => void) {
      if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
      original(task);
    };
    onTestFinished(() => {
      globalThis.queueMicrotask = original;
    });
    const opened: string[] = [];
    const stream = new EventStream((url) => {
      opened.push(url);
      return new FakeSource(url);
    });
    stream.watchSession("k1", () => {});
    await Promise.resolve();
    expect(opened).toEqual(["/events?session=k1"]);
  });
});
