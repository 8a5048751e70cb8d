import type { Element } from "@xmpp/xml";
import { z } from "zod";
import type { Project } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/forge/viewer";
import { isFailure } from "@/lib/xmpp/errors";
import { ForgeError } from "@/lib/forge/errors";
import { splitJid } from "@/lib/xmpp/jid";
import { getAffiliations, getItems, retract } from "@/lib/xmpp/pubsub";
import { projectNodes } from "@/lib/forge/nodes";
import { applyRetractions } from "@/lib/forge/sync/sync";
import { publishAndApply } from "@/lib/forge/sync/publish-and-apply";
import { loadProject } from "@/lib/forge/projects/load-project";
import { canViewProject } from "@/lib/forge/projects/access";
import { wikiSlugs } from "@/lib/cache/wiki";
import {
  decodeWikiItem,
  editWikiEntry,
  encodeWikiEntry,
  historyItemId,
  normalizedMarkdown,
  type WikiPage,
  type WikiRevisionFields,
} from "./codec";
import { pageSlug, WikiSlugSchema } from "./links";
import { createWikiNodes } from "./nodes";
import { conflictOf, readLatest, WikiConflictError, type LatestState } from "./state";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";

export const WikiTitleSchema = z
  .string()
  .trim()
  .min(1, "Give the page a title")
  .max(200, "Titles are at most 200 characters");

const BaseFields = {
  projectId: z.string().min(1),
  /** The page being edited; empty for a new page, whose slug comes from its title. */
  slug: z.union([z.literal(""), WikiSlugSchema]),
  baseRevision: z.coerce.number().int().min(0),
  baseDigest: z.string().max(64),
};

export const WikiEditSchema = z.object({
  ...BaseFields,
  title: WikiTitleSchema,
  markdown: z.string().max(200_000, "The page is too long (200,000 characters at most)"),
  summary: z.string().trim().max(300, "Keep the summary under 300 characters"),
});

/** The slug a title names, refusing titles with nothing to make an address of. */
export function slugOfTitle(title: string): string {
  const slug = pageSlug(title);
  if (!slug) throw new ForgeError("empty-page-title");
  return slug;
}

/**
 * "New page": the slug a title names and whether a page is there already. Asked only for a
 * viewer who may read the project, so a members-only wiki's page names stay private.
 */
export async function startWikiPage(
  viewer: Viewer,
  projectId: string,
  title: unknown,
): Promise<{ slug: string; title: string; exists: boolean }> {
  const pageTitle = WikiTitleSchema.parse(title);
  const slug = slugOfTitle(pageTitle);
  if (!(await canViewProject(projectId, viewer))) throw new ForgeError("project-gone");
  return { slug, title: pageTitle, exists: (await wikiSlugs(projectId)).has(slug) };
}

/**
 * Creates or edits a page. The page is re-read from the service with the editor's session
 * first; if it changed since the editor opened it, nothing is published and a WikiConflictError
 * carries the conflict for the person to resolve, their text untouched.
 */
export async function saveWikiPage(
  viewer: Viewer,
  input: unknown,
): Promise<{ slug: string; revision: number }> {
  const edit = WikiEditSchema.parse(input);
  const project = await loadProject(edit.projectId);
  const slug = edit.slug || slugOfTitle(edit.title);
  const state = await latestOf(viewer, project, slug);
  const conflict = conflictOf(
    state,
    { revision: edit.baseRevision, digest: edit.baseDigest },
    edit,
  );
  if (conflict) throw new WikiConflictError(conflict);
  const markdown = normalizedMarkdown(edit.markdown);
  const current = state.current;
  if (current && current.markdown === markdown && current.title === edit.title.trim()) {
    return { slug, revision: current.revision }; // nothing changed: no empty revision
  }
  const revision = state.revision + 1;
  await publishRevision(viewer, project, current, {
    ...revisionBase(viewer, project, slug, revision),
    title: edit.title,
    markdown,
    summary: edit.summary,
  });
  return { slug, revision };
}

export const RestoreSchema = z.object({
  projectId: z.string().min(1),
  slug: WikiSlugSchema,
  /** Where the revision lives: the page's slug, or an older name from before a rename. */
  source: WikiSlugSchema,
  revision: z.coerce.number().int().min(1),
});

/** Makes an old revision's text the page's text again, as a new revision on top. */
export async function restoreWikiRevision(viewer: Viewer, input: unknown): Promise<number> {
  const { projectId, slug, source, revision: wanted } = RestoreSchema.parse(input);
  const project = await loadProject(projectId);
  const [item] = await getItems(viewer.session, project.service, nodes(project).wikiHistory, {
    ids: [historyItemId(source, wanted)],
  }).catch(() => []);
  const old = item ? decodeWikiItem(item.element, "revision") : undefined;
  if (!old?.ok || old.page.deleted) {
    throw new ForgeError("revision-unreadable", { revision: wanted });
  }
  const state = await latestOf(viewer, project, slug);
  const current = state.current;
  if (current && current.markdown === old.page.markdown && current.title === old.page.title) {
    throw new ForgeError("revision-is-current");
  }
  const revision = state.revision + 1;
  await publishRevision(viewer, project, current, {
    ...revisionBase(viewer, project, slug, revision),
    title: old.page.title,
    markdown: old.page.markdown,
    summary: `Restored revision ${wanted}`,
  });
  return revision;
}

export const DeleteSchema = z.object({
  ...BaseFields,
  slug: WikiSlugSchema,
  summary: z.string().trim().max(300).default(""),
});

/** Deletes a page: the page item is retracted and the history records who deleted it. */
export async function deleteWikiPage(viewer: Viewer, input: unknown): Promise<void> {
  const edit = DeleteSchema.parse(input);
  const project = await loadProject(edit.projectId);
  const state = await latestOf(viewer, project, edit.slug);
  const current = unchangedPage(state, edit);
  // Retracting first: if the service refuses it, nothing has been written anywhere.
  await retract(viewer.session, project.service, nodes(project).wiki, edit.slug);
  await applyRetractions(project.service, nodes(project).wiki, [edit.slug]);
  await publishHistory(viewer, project, current, {
    ...revisionBase(viewer, project, edit.slug, state.revision + 1),
    title: current.title,
    markdown: "",
    summary: edit.summary || "Deleted the page",
    deleted: true,
  });
}

export const RenameSchema = z.object({
  ...BaseFields,
  slug: WikiSlugSchema,
  title: WikiTitleSchema,
});

/**
 * Renames a page: the page moves to the slug of its new title, its first revision there
 * saying where it came from (so its history continues), and the old name's history records
 * where it went. Links to the old name show as missing, with a pointer to the new one.
 */
export async function renameWikiPage(viewer: Viewer, input: unknown): Promise<string> {
  const edit = RenameSchema.parse(input);
  const project = await loadProject(edit.projectId);
  const target = slugOfTitle(edit.title);
  const state = await latestOf(viewer, project, edit.slug);
  const current = unchangedPage(state, edit);
  if (target === edit.slug) {
    await saveWikiPage(viewer, { ...edit, markdown: current.markdown, summary: "Renamed" });
    return target;
  }
  const there = await latestOf(viewer, project, target);
  if (there.latest && !there.latest.deleted) {
    throw new ForgeError("page-exists", { title: there.latest.title });
  }
  // One number for both sides, free under both names.
  const revision = Math.max(state.revision, there.revision) + 1;
  const summary = `Renamed from “${current.title}”`;
  await publishRevision(viewer, project, current, {
    ...revisionBase(viewer, project, target, revision),
    title: edit.title,
    markdown: current.markdown,
    summary,
    renamedFrom: edit.slug,
  });
  await retract(viewer.session, project.service, nodes(project).wiki, edit.slug);
  await applyRetractions(project.service, nodes(project).wiki, [edit.slug]);
  await publishHistory(viewer, project, current, {
    ...revisionBase(viewer, project, edit.slug, revision),
    title: current.title,
    markdown: "",
    summary: `Renamed to “${edit.title.trim()}”`,
    deleted: true,
    movedTo: target,
  });
  return target;
}

function nodes(project: Project) {
  return projectNodes(project.slug);
}

function latestOf(viewer: Viewer, project: Project, slug: string): Promise<LatestState> {
  return readLatest(viewer.session, project.service, project.id, project.slug, slug);
}

/** Delete and rename act on the version the person saw, or not at all. */
function unchangedPage(
  state: LatestState,
  edit: { baseRevision: number; baseDigest: string },
): WikiPage {
  const conflict = conflictOf(
    state,
    { revision: edit.baseRevision, digest: edit.baseDigest },
    {
      markdown: state.latest?.markdown ?? "",
    },
  );
  if (conflict) throw new WikiConflictError(conflict);
  if (!state.current) throw new ForgeError("page-missing");
  return state.current;
}

function revisionBase(viewer: Viewer, project: Project, slug: string, revision: number) {
  return {
    slug,
    revision,
    updated: new Date().toISOString(),
    authorName: splitJid(viewer.jid).local,
    authorJid: viewer.jid,
    id: formatXmppUri({ jid: project.service, node: nodes(project).wiki, item: slug }),
  };
}

/** The history item first (the immutable record), then the page that shows it. */
async function publishRevision(
  viewer: Viewer,
  project: Project,
  previous: WikiPage | undefined,
  fields: WikiRevisionFields,
): Promise<void> {
  const entry = await publishHistory(viewer, project, previous, fields);
  await publishItem(viewer, project, nodes(project).wiki, fields.slug, entry);
}

async function publishHistory(
  viewer: Viewer,
  project: Project,
  previous: WikiPage | undefined,
  fields: WikiRevisionFields,
): Promise<Element> {
  const entry = previous ? editWikiEntry(previous, fields) : encodeWikiEntry(fields);
  const id = historyItemId(fields.slug, fields.revision);
  await publishItem(viewer, project, nodes(project).wikiHistory, id, entry);
  return entry;
}

async function publishItem(
  viewer: Viewer,
  project: Project,
  node: string,
  id: string,
  entry: Element,
): Promise<void> {
  await publishAndApply(viewer, project.service, node, entry, {
    itemId: id,
    repaired: (error) => createdMissingNodes(viewer, project, error),
  });
}

/**
 * Projects made before the wiki existed lack its nodes; their owner's first save creates them
 * (anyone else is told to ask an owner, since node ownership would otherwise go to them).
 */
async function createdMissingNodes(
  viewer: Viewer,
  project: Project,
  error: unknown,
): Promise<boolean> {
  if (!isFailure(error, "item-not-found")) return false;
  // Only owners may list a node's affiliations: the service's answer is the ownership test.
  const isOwner = await getAffiliations(viewer.session, project.service, nodes(project).info).then(
    () => true,
    () => false,
  );
  if (!isOwner) {
    throw new ForgeError("no-wiki");
  }
  await createWikiNodes(viewer.session, project.service, project.slug, project.accessModel);
  return true;
}
