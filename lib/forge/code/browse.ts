import { renderMarkdown } from "@/lib/forge/markdown";
import { codeRawPath, codeTreePath } from "@/lib/forge/routes";
import { UnknownRevisionError } from "@/lib/scm/errors";
import type { ChangesetSummary, FileBlob, RefTip, TreeEntry } from "@/lib/scm/types";
import type { CodeRepository } from "./repository";

type Ready = Extract<CodeRepository, { state: "ready" }>;

/** Files shown in a page at most; larger ones are offered as a download. */
export const MAX_SHOWN_BYTES = 512 * 1024;
/** What the raw route serves at most. */
export const MAX_RAW_BYTES = 20 * 1024 * 1024;

/** The commit a revision from a URL names; an UnknownRevisionError when it names none. */
export async function locate(repository: Ready, rev: string): Promise<ChangesetSummary> {
  const commit = await repository.adapter.resolve(repository.dir, rev);
  if (!commit) throw new UnknownRevisionError(rev);
  return commit;
}

export interface Readme {
  readonly path: string;
  /** Sanitised HTML (markdown), or undefined for plain text. */
  readonly html?: string;
  readonly text: string;
}

/** What a path is at a commit: a directory with its README, a file, or nothing. */
export type PathView =
  | { readonly kind: "dir"; readonly entries: readonly TreeEntry[]; readonly readme?: Readme }
  | { readonly kind: "file"; readonly file: FileBlob; readonly text?: string }
  | { readonly kind: "missing" };

const README = /^readme(\.(md|markdown|txt|rst))?$/i;

/**
 * `path` at `commit` (an id `locate` gave), for the tree and file pages. A file's text comes
 * with it when it is text and not over MAX_SHOWN_BYTES; a directory's README, rendered when
 * it is markdown (through the one sanitising renderer), links resolved in the project.
 */
export async function viewPath(
  repository: Ready,
  commit: string,
  path: string,
  projectPath: string,
): Promise<PathView> {
  const { adapter, dir } = repository;
  const readFile = (file: string) =>
    adapter.readFile(dir, commit, file, { maxBytes: MAX_SHOWN_BYTES });
  // The root is always a directory and most have a README.md: it is read while the tree is
  // listed, one wait for the SCM instead of two (bench/RESULTS.md, code-browser).
  const likelyReadme = path === "" ? readFile("README.md").catch(() => undefined) : undefined;
  const entries = await adapter.tree(dir, commit, path);
  if (entries) {
    const readme = [...entries]
      .filter((entry) => entry.kind === "file" && README.test(entry.name))
      .sort((a, b) => Number(isMarkdown(b.name)) - Number(isMarkdown(a.name)))[0];
    const file =
      readme &&
      ((readme.path === "README.md" ? await likelyReadme : undefined) ??
        (await readFile(readme.path)));
    const text = file && textOf(file);
    return {
      kind: "dir",
      entries,
      ...(readme &&
        text !== undefined && {
          readme: {
            path: readme.path,
            text,
            ...(isMarkdown(readme.name) && {
              html: renderMarkdown(text, {
                projectPath,
                rewriteUrl: repositoryUrls(projectPath, commit, readme.path),
              }),
            }),
          },
        }),
    };
  }
  const file = await readFile(path);
  if (!file) return { kind: "missing" };
  const text = textOf(file);
  return { kind: "file", file, ...(text !== undefined && { text }) };
}

/** A file's bytes as the raw route serves them, or why not. */
export async function rawFile(
  repository: Ready,
  rev: string,
  path: string,
): Promise<FileBlob | "missing" | "too-large"> {
  const commit = await locate(repository, rev);
  const file = await repository.adapter.readFile(repository.dir, commit.id, path, {
    maxBytes: MAX_RAW_BYTES,
  });
  if (!file) return "missing";
  return file.bytes ? file : "too-large";
}

/**
 * How a markdown file's relative links resolve: to pages of the code browser (a link) and to
 * raw files (an image), beside the file, at the same commit; a link that climbs above the root
 * stops there. Absolute URLs, site paths and `#anchors` are left as they are.
 */
export function repositoryUrls(projectPath: string, commit: string, file: string) {
  const directory = file.includes("/") ? file.slice(0, file.lastIndexOf("/") + 1) : "";
  return (url: string, kind: "link" | "image"): string => {
    if (url === "" || /^([a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(url)) return url;
    let resolved: URL;
    let path: string;
    try {
      resolved = new URL(url, `http://repository/${directory}`);
      path = decodeURIComponent(resolved.pathname.slice(1)).replace(/\/+$/, "");
    } catch {
      return url; // a name with a stray `%`: left as written
    }
    if (kind === "image") return codeRawPath(projectPath, commit, path);
    return `${codeTreePath(projectPath, commit, path)}${resolved.hash}`;
  };
}

export function isMarkdown(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

export function textOf(file: FileBlob): string | undefined {
  return file.bytes && !file.binary ? new TextDecoder().decode(file.bytes) : undefined;
}

/** Branches or tags for the ref switcher and the lists. */
export function refTips(repository: Ready, kind: "branch" | "tag"): Promise<RefTip[]> {
  return repository.adapter.refTips(repository.dir, kind);
}

// Raster images can run no script, so the raw route may serve them as what they are and the
// file page may show them; SVG, HTML and everything else are served as text or bytes.
const RASTER_IMAGES = new Map([
  ["png", "image/png"],
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["gif", "image/gif"],
  ["webp", "image/webp"],
]);

/** The image type a file is served as, for the raster images a browser shows; else undefined. */
export function rasterImageType(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? undefined : RASTER_IMAGES.get(path.slice(dot + 1).toLowerCase());
}
