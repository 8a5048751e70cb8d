import { headers } from "next/headers";
import { changeBus } from "@/lib/events/bus";
import { homeStatus } from "@/lib/forge/federation/instance";
import { PAGE_OFFER_HEADER, pageCache } from "./page-cache";
import type { LoadedProject } from "./project-route";

/**
 * Offers the page being rendered to the anonymous page cache (page-cache.ts), when what it
 * shows depends only on the project's cached rows: for an anonymous viewer of an open project.
 * The page stays current while the project's change count is the one read before its rows were
 * (so a change committed meanwhile makes it stale at once) and its home is as reachable as it
 * was (the banner saying it is away).
 */
export async function offerToPageCache({ project, viewer, changesAtLoad }: LoadedProject) {
  if (viewer || project.accessModel !== "open") return;
  const renderId = (await headers()).get(PAGE_OFFER_HEADER);
  if (!renderId) return;
  const reachable = homeStatus(project.service).reachable;
  pageCache().offer(renderId, {
    isCurrent: () =>
      changeBus().changeCount(project.id) === changesAtLoad &&
      homeStatus(project.service).reachable === reachable,
  });
}
