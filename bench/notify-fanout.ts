/**
 * notify-fanout (issue #16): one comment on a ticket that 1,000 users watch, until every one of
 * them has an inbox row, and until every one of their XMPP messages has been sent by the
 * instance account; next to the raw publish and message rates of the same server, same run.
 *
 * - Watchers: w0…w999@a.test, real accounts (offline: the server stores their messages), each
 *   known to the instance and watching the ticket, as after a sign-in and a Watch click.
 * - Fan-out figure: commentSync.applyItems of one new comment (what the instance does when its
 *   notification arrives): decode, cache, derive, who watches, who may read, 1,000 rows.
 * - Delivery figure: deliverWaiting for each watcher (read the rows, compose, send a `chat`
 *   message from forge@a.test, mark sent), then one iq round trip: the server has read every
 *   message before it answers (one ordered stream).
 * - Baselines: 1,000 publishes of a small item by the same account, each awaited (the raw
 *   publish rate), and 1,000 bare `<message>`s then one iq (the raw message rate).
 */
import xml from "@xmpp/xml";
import { getDb } from "@/lib/cache/db";
import { rememberUser, setWatch } from "@/lib/cache/notifications";
import { encodeComment } from "@/lib/forge/comments/codec";
import { commentSync } from "@/lib/forge/comments/sync";
import { projectId as projectIdOf, projectNodes } from "@/lib/forge/nodes";
import { deliverWaiting } from "@/lib/forge/notifications/delivery";
import { applyItems } from "@/lib/forge/sync/sync";
import { newTicketForm } from "@/lib/forge/tickets/codec";
import { itemFromElement, createNode, publish } from "@/lib/xmpp/pubsub";
import { XmppSession } from "@/lib/xmpp/session";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { itemElement } from "./corpus";
import { createProjectRow } from "./filter";
import type { BenchResult } from "./report";
import { HOSTS, registerAccounts } from "./servers";
import { ms, ratio, timed } from "./stats";

const SERVICE = "pubsub.a.test";
const WATCHERS = 1_000;
const PASSWORD = "demo";

/** One iq answered: the server has read everything sent before it on this stream. */
async function roundTrip(session: XmppSession): Promise<void> {
  await session.request(
    xml("iq", { type: "get", to: "a.test" }, xml("ping", { xmlns: "urn:xmpp:ping" })),
  );
}

const perSecond = (count: number, millis: number) => `${((count * 1000) / millis).toFixed(0)}/s`;

export async function runNotifyFanout(): Promise<BenchResult> {
  const started = Date.now();
  const slug = `notify-${Date.now().toString(36)}`;
  const nodes = projectNodes(slug);
  const projectId = projectIdOf(SERVICE, slug);
  const watchers = Array.from({ length: WATCHERS }, (_, i) => `w${i}`);
  registerAccounts("a.test", [...watchers, "alice"], PASSWORD);
  const forge = await XmppSession.open({
    jid: "forge@a.test",
    password: "forge-secret",
    hosts: HOSTS,
  });
  try {
    await createProjectRow(slug, "Notify fan-out");
    const thread = `urn:xmpp:microblog:0:comments/${nodes.tickets}_fanout`;
    const ticket = newTicketForm({
      title: "Watched by a thousand",
      author: "alice",
      authorJid: "alice@a.test",
      created: new Date().toISOString(),
      commentsUri: formatXmppUri({ jid: SERVICE, node: thread }),
    });
    await applyItems(SERVICE, nodes.tickets, [
      itemFromElement(itemElement("t1", "alice@a.test", ticket)),
    ]);
    const ticketId = `${SERVICE}/${nodes.tickets}/t1`;
    for (const name of watchers) {
      await rememberUser(`${name}@a.test`);
      await setWatch(`${name}@a.test`, { targetId: ticketId, projectId }, "watching");
    }

    // Fan-out: one comment to 1,000 inbox rows.
    const now = new Date().toISOString();
    const comment = encodeComment({
      markdown: "Fixed in main.",
      authorName: "alice",
      authorJid: "alice@a.test",
      published: now,
      updated: now,
    });
    const context = { projectId, slug, service: SERVICE, node: thread };
    const fanout = await timed(() =>
      commentSync.applyItems(context, [
        itemFromElement(itemElement("c1", "alice@a.test", comment)),
      ]),
    );
    const rows = await (
      await getDb()
    ).notification.count({ where: { eventKey: `comment:${SERVICE}/${thread}/c1` } });
    if (rows !== WATCHERS) throw new Error(`${rows} inbox rows, expected ${WATCHERS}`);

    // Delivery: 1,000 messages from the instance account.
    const delivery = await timed(async () => {
      let sent = 0;
      for (const name of watchers) if (await deliverWaiting(forge, `${name}@a.test`)) sent++;
      await roundTrip(forge);
      return sent;
    });
    if (delivery.value !== WATCHERS) throw new Error(`${delivery.value} messages sent`);

    // Baselines, same server, same account.
    const rawNode = `bench/notify-raw-${slug}`;
    await createNode(forge, SERVICE, rawNode, { "pubsub#max_items": "max" });
    const rawPublish = await timed(async () => {
      for (let i = 0; i < WATCHERS; i++) {
        await publish(
          forge,
          SERVICE,
          rawNode,
          xml("entry", { xmlns: "urn:bench:0" }, `item ${i}`),
          { id: `i${i}` },
        );
      }
    });
    const rawMessages = await timed(async () => {
      for (const name of watchers) {
        await forge.send(
          xml("message", { type: "chat", to: `${name}@a.test` }, xml("body", {}, "raw")),
        );
      }
      await roundTrip(forge);
    });

    return {
      name: "notify-fanout",
      date: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      rows: [
        {
          benchmark: "notify-fanout",
          figure: `one comment → ${WATCHERS} inbox rows: ${ms(fanout.ms)} (${perSecond(WATCHERS, fanout.ms)})`,
          baseline: `${WATCHERS} raw publishes, each awaited: ${ms(rawPublish.ms)} (${perSecond(WATCHERS, rawPublish.ms)})`,
          ratio: ratio(fanout.ms / rawPublish.ms),
          goal: "≤ 1× (the fan-out costs less than publishing one item per watcher)",
          met: fanout.ms <= rawPublish.ms,
        },
        {
          benchmark: "notify-fanout",
          figure: `${WATCHERS} XMPP messages (read rows, compose, send, mark sent): ${ms(delivery.ms)} (${perSecond(WATCHERS, delivery.ms)})`,
          baseline: `${WATCHERS} bare messages on the same stream: ${ms(rawMessages.ms)} (${perSecond(WATCHERS, rawMessages.ms)})`,
          ratio: ratio(delivery.ms / rawMessages.ms),
          goal: "informative: the SQL per message (3 queries) is the difference",
        },
      ],
      notes: [
        `${WATCHERS} watchers are real accounts on a.test (offline: Prosody stores their messages); the instance session is forge@a.test.`,
        "In a deployment messages are batched per user (PUBFORGE_NOTIFY_BATCH_MS, default 10 s) and at most 30 an hour per user; here each watcher's batch is sent at once, one after another.",
        "Delivery ends with one iq round trip: on one ordered stream, its answer means the server has read every message before it.",
      ],
    };
  } finally {
    await forge.close();
  }
}
