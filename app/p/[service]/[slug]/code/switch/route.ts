import { redirect } from "next/navigation";
import { projectId } from "@/lib/forge/nodes";
import {
  codeBlamePath,
  codeFilePath,
  codeLogPath,
  codeTreePath,
  decodeSegment,
  projectPath,
} from "@/lib/forge/routes";

const VIEWS = { tree: codeTreePath, blob: codeFilePath, blame: codeBlamePath };

/**
 * The ref switcher's answer (a GET form: `?view=tree&ref=v1&path=src`): the same view at the
 * revision picked. It only builds an address; the page there checks access and the revision.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ service: string; slug: string }> },
): Promise<Response> {
  const { service, slug } = await params;
  const [home, name] = [service, slug].map(decodeSegment);
  const query = new URL(request.url).searchParams;
  const ref = query.get("ref") ?? "";
  const path = query.get("path") ?? "";
  const view = query.get("view") ?? "tree";
  if (!home || !name || ref === "") return new Response("Pick a branch or tag.\n", { status: 400 });
  const base = projectPath(projectId(home, name));
  if (view === "commits") redirect(codeLogPath(base, ref, { path }));
  const to = view in VIEWS && path !== "" ? VIEWS[view as keyof typeof VIEWS] : codeTreePath;
  redirect(to(base, ref, path));
}
