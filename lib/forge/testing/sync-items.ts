// Test-only: pubsub items for the sync tests, from the captures or built here.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import xml, { type Element } from "@xmpp/xml";
import { upsertProject } from "@/lib/cache/projects";
import { changeBus, type ForgeChange } from "@/lib/events/bus";
import { itemFromElement, type PubsubItem } from "@/lib/xmpp/pubsub";
import { itemsOfStanza } from "@/lib/xmpp/testing/stanza-items";
import { parseXml } from "@/lib/xmpp/xml";
import { projectId, projectNodes } from "@/lib/forge/nodes";
import { encodeProjectInfo } from "@/lib/forge/projects/codec";
import type { SyncContext } from "@/lib/forge/sync/domain";
import { liberviaFixture } from "./fixtures";

/**
 * The project the Libervia captures `ticket_item_…_projX.xml` belongs to: its ticket links to
 * a comments node of `fdp/submitted/org.salut-a-toi.tickets:0_projX` on this service.
 */
export const CAPTURED = { service: "pubsub.forge.test", slug: "projX" } as const;
export const CAPTURED_ID = projectId(CAPTURED.service, CAPTURED.slug);
export const CAPTURED_NODES = projectNodes(CAPTURED.slug);

/** A payload as an item of a node, as a service returns it. */
export function itemOf(id: string, payload: Element, publisher = "alice@forge.test"): PubsubItem {
  return itemFromElement(xml("item", { id, publisher }, payload));
}

/** The payload of a capture: the item a publish carries, an item's content, or the capture. */
export function capturedPayload(name: string): Element {
  const root = liberviaFixture(name);
  if (root.name === "iq") return itemsOfStanza(root)[0]!.items[0]!.getChildElements()[0]!;
  return root.name === "item" ? root.getChildElements()[0]! : root;
}

/** The captured `<item>` as it is, id and all. */
export function capturedItem(name: string): PubsubItem {
  return itemFromElement(liberviaFixture(name));
}

/**
 * Caches a project's row, as its info item would (the captured project's by default).
 * `owner`: who the service said published that info item.
 */
export async function cacheProject(
  service: string = CAPTURED.service,
  slug: string = CAPTURED.slug,
  { owner, accessModel = "open" }: { owner?: string; accessModel?: string } = {},
): Promise<void> {
  await upsertProject({
    id: projectId(service, slug),
    service,
    slug,
    name: slug,
    description: "",
    scm: "git",
    cloneUrl: "",
    defaultBranch: "main",
    accessModel,
    repositoryHost: "",
    rawXml: owner ? `<item id="info" publisher="${owner}"/>` : "<item/>",
  });
}

/** Where items of one of the captured project's nodes belong. */
export function capturedContext(node: string): SyncContext {
  return { projectId: CAPTURED_ID, slug: CAPTURED.slug, service: CAPTURED.service, node };
}

/** Every change the bus announces for a project (the captured one) while `work` runs. */
export async function changesDuring(
  work: () => Promise<unknown>,
  id: string = CAPTURED_ID,
): Promise<ForgeChange[]> {
  const changes: ForgeChange[] = [];
  const unsubscribe = changeBus().subscribe(id, (change) => changes.push(change));
  try {
    await work();
  } finally {
    unsubscribe();
  }
  return changes;
}

/** A wiki-history item as Prosody returned it (see __fixtures__/wiki/README.md). */
export function capturedWikiItem(name: string): PubsubItem {
  const file = fileURLToPath(new URL(`../__fixtures__/wiki/${name}`, import.meta.url));
  return itemFromElement(parseXml(readFileSync(file, "utf8")));
}

/** The info item of a project as createProject publishes it. */
export function projectInfoItem(service: string, slug: string, name = "Project X"): PubsubItem {
  const info = encodeProjectInfo(service, slug, {
    name,
    description: "What it is",
    scm: "git",
    cloneUrl: "https://git.example/x.git",
    defaultBranch: "main",
    access: "open",
  });
  return itemOf("info", info);
}
