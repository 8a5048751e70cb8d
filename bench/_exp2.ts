import { newTicket, rng, itemElement } from "./corpus";
import { newTicketForm, decodeTicket } from "@/lib/forge/ticket-codec";
import { ticketRecord } from "@/lib/forge/records";
import { itemFromElement } from "@/lib/xmpp/pubsub";
import { getDb, closeDb } from "@/lib/cache/db";
import { upsertTicket } from "@/lib/cache/tickets";
import { upsertProject } from "@/lib/cache/projects";
process.env.DATABASE_URL = process.env.X ?? "file:./.run/bench.db";
const r = rng(1);
const N = 2000;
const recs = Array.from({ length: N }, (_, i) => {
  const item = itemFromElement(itemElement(String(i), "alice@a.test", newTicketForm(newTicket(r, i))));
  const d = decodeTicket(item.element);
  if (!d.ok) throw new Error();
  return ticketRecord("s/p", "s", "n", item, d.ticket);
});
const db = await getDb();
await upsertProject({ id: "s/p", service: "s", slug: "p", name: "P", description: "", scm: "git", cloneUrl: "", defaultBranch: "main", accessModel: "open", rawXml: "" });
let t = performance.now();
for (const rec of recs.slice(0, 1000)) await upsertTicket(rec);
console.log("upsert ms/each", (performance.now() - t) / 1000);
t = performance.now();
for (const rec of recs.slice(0, 1000)) await upsertTicket(rec);
console.log("upsert (update) ms/each", (performance.now() - t) / 1000);
t = performance.now();
const rest = recs.slice(1000);
await db.$transaction([
  db.ticket.createMany({ data: rest.map(({ commentCount, ...r }) => ({ ...r, commentCount: commentCount ?? 0 })) }),
  db.ticketLabel.createMany({ data: rest.flatMap((r) => [...new Set(JSON.parse(r.labels) as string[])].map((label) => ({ ticketId: r.id, label }))) }),
]);
console.log("createMany ms/each", (performance.now() - t) / rest.length);
console.log(await db.$queryRawUnsafe("select id, created, updated, typeof(created) t from Ticket limit 2"));
await closeDb();
