import type { Element } from "@xmpp/xml";
import { z } from "zod";
import { latestTrustedVersion } from "@/lib/cache/item-versions";
import { findMergeRequest } from "@/lib/cache/merge-requests";
import { findTicket } from "@/lib/cache/tickets";
import type { MergeRequest, Ticket } from "@/lib/generated/prisma/client";
import { parseXml } from "@/lib/xmpp/xml";
import { ForgeError } from "@/lib/forge/errors";
import { loadProject } from "@/lib/forge/projects/load-project";
import { isProjectMaintainer } from "@/lib/forge/projects/maintainers";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { versionPin } from "./overwrite-flag";
import type { Viewer } from "@/lib/forge/viewer";

/** The revert and keep forms: which item, and the version whose flag the person saw. */
export const RestoreSchema = z.object({
  kind: z.enum(["ticket", "merge-request"]),
  itemKey: z.string().min(1).max(3000),
  shown: z.string().regex(/^[0-9a-f]{64}$/, "The form is incomplete: reload the page."),
});

/**
 * Puts back the newest earlier version of a flagged ticket or merge request that its first
 * publisher or a maintainer published (see overwrite-flag.ts), republished with the same item
 * id through the viewer's own session. The viewer is a maintainer or that first publisher, so
 * the new version clears the flag. Returns who published the version put back.
 */
export async function revertOverwrite(viewer: Viewer, input: unknown): Promise<string> {
  const item = await flaggedItem(viewer, input);
  const version = await latestTrustedVersion(item.id);
  const payload = version ? payloadOf(version.rawXml) : undefined;
  if (!version || !payload) throw new ForgeError("no-trusted-version");
  await publishAndApply(viewer, item.service, item.node, payload, { itemId: item.itemId });
  return version.publisher;
}

/**
 * Accepts the change: the flagged version, republished as it is by the viewer (a maintainer or
 * the first publisher), is now vouched for, here and on any other instance that judges it.
 */
export async function keepOverwrite(viewer: Viewer, input: unknown): Promise<void> {
  const item = await flaggedItem(viewer, input);
  // The cache holds only items that decoded, so their XML parses.
  const payload = payloadOf(item.rawXml)!;
  await publishAndApply(viewer, item.service, item.node, payload, { itemId: item.itemId });
}

/** The flagged item the form names, if it is still as shown and the viewer may act on it. */
async function flaggedItem(viewer: Viewer, input: unknown): Promise<Ticket | MergeRequest> {
  const { kind, itemKey, shown } = RestoreSchema.parse(input);
  const item = kind === "ticket" ? await findTicket(itemKey) : await findMergeRequest(itemKey);
  if (!item) throw new ForgeError("item-gone", { item: kind, where: "cache" });
  if (!item.flaggedBy) throw new ForgeError("not-flagged");
  if (versionPin(item.rawXml) !== shown) throw new ForgeError("overwrite-changed");
  const project = await loadProject(item.projectId);
  const jid = viewer.jid.toLowerCase();
  const firstPublisher = item.firstPublisher.toLowerCase();
  if (jid !== firstPublisher) {
    // As the sync judged the version: the service's list on the instance's own service.
    if (!(await isProjectMaintainer(viewer, project, "instance-then-info-publisher"))) {
      throw new ForgeError("may-not-restore", { firstPublisher: item.firstPublisher });
    }
  }
  return item;
}

/** The payload of a cached `<item>`. */
function payloadOf(rawXml: string): Element | undefined {
  try {
    return parseXml(rawXml).getChildElements()[0];
  } catch {
    return undefined;
  }
}
