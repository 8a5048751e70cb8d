import { describe, expect, it } from "vitest";
import { composeMessage, MESSAGE_LINES } from "./message";
import { type Clock, DeliveryScheduler, HOURLY_MESSAGE_CAP } from "./scheduler";

/** A clock whose time moves only when told; timers run when it passes them. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; task: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimer: (task, ms) => timers.push({ at: now + ms, task }),
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.task();
      await new Promise((resolve) => setImmediate(resolve));
    }
    now = until;
  };
  return { clock, advance };
}

describe("DeliveryScheduler", () => {
  it("sends one message for a burst of events within the window", async () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const scheduler = new DeliveryScheduler(
      10_000,
      async () => (sent.push(clock.now()), true),
      clock,
    );
    for (let i = 0; i < 5; i++) {
      scheduler.schedule("bob@b.test");
      await advance(1_000);
    }
    await advance(10_000);
    expect(sent).toEqual([10_000]);
  });

  it("keeps messages to one user a window apart, and others independent", async () => {
    const { clock, advance } = fakeClock();
    const sent: string[] = [];
    const scheduler = new DeliveryScheduler(
      1_000,
      async (user) => (sent.push(`${user}@${clock.now()}`), true),
      clock,
    );
    scheduler.schedule("bob");
    await advance(1_000); // sent at 1000
    scheduler.schedule("bob"); // at 1000: not before 2000
    scheduler.schedule("carol");
    await advance(5_000);
    expect(sent.sort()).toEqual(["bob@1000", "bob@2000", "carol@2000"]);
  });

  it("sends at most HOURLY_MESSAGE_CAP messages an hour to one user", async () => {
    const { clock, advance } = fakeClock();
    let sent = 0;
    const scheduler = new DeliveryScheduler(100, async () => (sent++, true), clock);
    for (let i = 0; i < HOURLY_MESSAGE_CAP * 3; i++) {
      scheduler.schedule("bob");
      await advance(200);
    }
    expect(sent).toBe(HOURLY_MESSAGE_CAP);
    await advance(60 * 60 * 1000);
    expect(sent).toBe(HOURLY_MESSAGE_CAP + 1); // the waiting events, in one message
  });

  it("does not count a batch that sent nothing", async () => {
    const { clock, advance } = fakeClock();
    const times: number[] = [];
    const scheduler = new DeliveryScheduler(
      1_000,
      async () => (times.push(clock.now()), times.length > 1),
      clock,
    );
    scheduler.schedule("bob");
    await advance(1_000);
    scheduler.schedule("bob");
    await advance(1_000);
    expect(times).toEqual([1_000, 2_000]);
  });
});

describe("composeMessage", () => {
  const row = (i: number) => ({
    actor: "alice@a.test",
    summary: `commented on #${i} X`,
    path: `/p/s/x/tickets/${i}`,
  });

  it("lists each event with an absolute link", () => {
    expect(composeMessage([row(1)], "http://b.example")).toBe(
      "Pubforge:\n• alice@a.test commented on #1 X\n  http://b.example/p/s/x/tickets/1\nInbox: http://b.example/inbox",
    );
  });

  it("lists at most MESSAGE_LINES events and counts the rest", () => {
    const text = composeMessage(
      Array.from({ length: 25 }, (_, i) => row(i)),
      "http://b.example",
    );
    expect(text.split("\n•")).toHaveLength(MESSAGE_LINES + 1);
    expect(text).toContain("25 updates");
    expect(text).toContain(`…and ${25 - MESSAGE_LINES} more: http://b.example/inbox`);
  });
});
