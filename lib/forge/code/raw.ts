import type { Viewer } from "@/lib/forge/viewer";
import { ForgeError } from "@/lib/forge/errors";
import { RefusedInputError } from "@/lib/scm/browse-input";
import { UnknownRevisionError } from "@/lib/scm/errors";
import { MAX_RAW_BYTES, rasterImageType, rawFile } from "./browse";
import { openCodeRepository } from "./repository";

/** Nothing from a repository may run, load anything or be framed, whatever a browser thinks it is. */
const SANDBOX = "default-src 'none'; sandbox; frame-ancestors 'none'";

const text = (status: number, body: string) =>
  new Response(`${body}\n`, {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": SANDBOX,
    },
  });

/**
 * A file's bytes for the raw route, as something no browser renders as a page: text as
 * `text/plain`, raster images as themselves, anything else as a download; never HTML or SVG,
 * whatever the name says, `nosniff` so that no browser guesses otherwise, and a sandboxing
 * CSP should one try. Members-only code is read only for those who may read the project.
 */
export async function serveRawFile(
  projectId: string,
  viewer: Viewer | null,
  rev: string,
  path: string,
): Promise<Response> {
  let opened;
  try {
    opened = await openCodeRepository(projectId, viewer);
  } catch (error) {
    if (error instanceof ForgeError)
      return text(404, "There is no such project that you may read.");
    throw error;
  }
  const { repository } = opened;
  if (repository.state !== "ready") return text(404, "This project has no code to serve.");
  let file;
  try {
    file = await rawFile(repository, rev, path);
  } catch (error) {
    if (error instanceof UnknownRevisionError || error instanceof RefusedInputError) {
      return text(404, error.message);
    }
    throw error;
  }
  if (file === "missing") return text(404, `There is no file “${path}” in ${rev}.`);
  if (file === "too-large") {
    return text(
      413,
      `This file is larger than ${MAX_RAW_BYTES / 1024 / 1024} MB: clone the repository to get it.`,
    );
  }
  const name = path.slice(path.lastIndexOf("/") + 1);
  const image = rasterImageType(path);
  const type = image ?? (file.binary ? "application/octet-stream" : "text/plain; charset=utf-8");
  const disposition = file.binary && !image ? "attachment" : "inline";
  return new Response(Buffer.from(file.bytes!), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Content-Length": String(file.size),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": SANDBOX,
      "Cache-Control": "private, no-cache",
    },
  });
}
