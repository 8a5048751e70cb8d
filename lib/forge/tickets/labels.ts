import { projectLabels } from "@/lib/cache/tickets";
import { perChange } from "@/lib/forge/per-change";

const labelsPerChange = perChange<string[]>(500);

/**
 * The labels of a project's tickets, most used first (the list's filter menu), not those only
 * blocked publishers' tickets carry: grouping every ticket's labels scans the project's tickets,
 * so it is done once per change of the project rather than on every visit.
 */
export function labelsOfProject(projectId: string): Promise<string[]> {
  return labelsPerChange(projectId, "labels", () => projectLabels(projectId));
}
