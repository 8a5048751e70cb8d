/**
 * An example CI bot for Pubforge (docs/review-workflow.md, "Checks"): it signs in to XMPP as its
 * own account, watches a project's merge requests, and for each new revision publishes a
 * `pending` check, applies the series to a scratch checkout of the target branch, runs a
 * command there and publishes `success` or `failure` with the output's last lines.
 *
 *   npx tsx scripts/ci-bot.ts --jid ci@example.org --service pubsub.example.org \
 *     --project demo --command "npm test" [--name ci] [--url https://ci.example.org/]
 *     [--repository <clone URL or path>] [--timeout 600]
 *   (password in CI_BOT_PASSWORD)
 *
 * A project's maintainers must first allow the account (Settings → CI bots): the service refuses
 * checks from anyone else. It runs the merge request's code: run it where that is safe.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import xml, { type Element } from "@xmpp/xml";
import { connect } from "@/lib/xmpp/connect";
import { getItems, publish, subscribe, type IqRequester, type PubsubItem } from "@/lib/xmpp/pubsub";
import { parsePubsubEvents } from "@/lib/xmpp/pubsub-event";
import {
  cappedSummary,
  type Check,
  CheckNameSchema,
  encodeCheck,
  checkItemId,
} from "@/lib/forge/checks/codec";
import { decodeMergeRequest } from "@/lib/forge/merge-requests/codec";
import { projectNodes } from "@/lib/forge/nodes";
import { decodeProjectInfo, type ProjectInfo } from "@/lib/forge/projects/codec";
import { isOpenMergeRequest } from "@/lib/forge/statuses";

const { values: args } = parseArgs({
  options: {
    jid: { type: "string" },
    service: { type: "string" },
    project: { type: "string" },
    command: { type: "string" },
    name: { type: "string", default: "ci" },
    url: { type: "string" },
    repository: { type: "string" },
    timeout: { type: "string", default: "600" },
  },
});

function required(name: string, value: string | undefined): string {
  if (!value) throw new Error(`--${name} is required (see the comment at the top of ci-bot.ts)`);
  return value;
}

const jid = required("jid", args.jid);
const service = required("service", args.service);
const slug = required("project", args.project);
const command = required("command", args.command);
const checkName = CheckNameSchema.parse(args.name);
const password = required("CI_BOT_PASSWORD", process.env.CI_BOT_PASSWORD);
const timeoutMs = Number(args.timeout) * 1000;
const nodes = projectNodes(slug);

/** What one run needs of a merge request's revision. */
interface Revision {
  itemId: string;
  revision: number;
  patch: string;
  scm: "git" | "hg";
  targetBranch: string;
}

const log = (text: string) => console.log(`[ci-bot] ${text}`);

/** Runs a program; resolves with its exit code and the tail of its output (stdout and stderr). */
function run(
  program: string,
  argv: string[],
  options: { cwd?: string; shell?: boolean; input?: string } = {},
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(program, argv, {
      cwd: options.cwd,
      shell: options.shell,
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0" },
      // Without input the program gets none; with it, a program that exits before reading it
      // all (`git am` refusing the series) closes the pipe, and its exit code says what happened.
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    child.stdin?.on("error", () => {});
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-64_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: 127, output: error.message });
    });
    child.stdin?.end(options.input);
  });
}

async function mustRun(program: string, argv: string[], cwd?: string, input?: string) {
  const result = await run(program, argv, { cwd, input });
  if (result.code !== 0) throw new Error(`${program} ${argv[0]} failed:\n${result.output}`);
}

const IDENTITY = ["-c", "user.name=CI bot", "-c", `user.email=${jid}`];

/** A scratch checkout of the target branch with the series applied; the caller removes it. */
async function checkout(source: string, revision: Revision, dir: string): Promise<void> {
  const work = join(dir, "work");
  if (revision.scm === "hg") {
    await mustRun("hg", ["clone", "-u", revision.targetBranch, source, work]);
    await writeFile(join(dir, "series.patch"), revision.patch);
    await mustRun(
      "hg",
      ["import", "--config", `ui.username=CI bot <${jid}>`, join(dir, "series.patch")],
      work,
    );
    return;
  }
  await mustRun("git", ["clone", "--quiet", "--branch", revision.targetBranch, source, work]);
  await mustRun("git", [...IDENTITY, "am", "--quiet", "--3way"], work, revision.patch);
}

async function publishCheck(session: IqRequester, check: Check): Promise<void> {
  await publish(session, service, nodes.checks, encodeCheck(check), { id: checkItemId(check) });
  log(`${check.mergeRequest} r${check.revision}: ${check.status}`);
}

async function test(session: IqRequester, info: ProjectInfo, revision: Revision): Promise<void> {
  const check = (status: Check["status"], summary: string): Check => ({
    mergeRequest: revision.itemId,
    revision: revision.revision,
    name: checkName,
    status,
    url: args.url ?? "",
    summary,
  });
  await publishCheck(session, check("pending", `Running ${command}`));
  const dir = await mkdtemp(join(tmpdir(), "ci-bot-"));
  try {
    const source = args.repository ?? info.cloneUrl;
    if (!source) throw new Error("the project names no repository to clone (use --repository)");
    await checkout(source, revision, dir);
    const result = await run(command, [], { cwd: join(dir, "work"), shell: true });
    const verdict = result.code === 0 ? "success" : "failure";
    await publishCheck(session, check(verdict, cappedSummary(`$ ${command}\n${result.output}`)));
  } catch (error) {
    await publishCheck(session, check("failure", cappedSummary((error as Error).message)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function revisionOf(item: PubsubItem, info: ProjectInfo): Revision | undefined {
  const decoded = decodeMergeRequest(item.element);
  if (!decoded.ok || !isOpenMergeRequest(decoded.mergeRequest.status)) return undefined;
  const request = decoded.mergeRequest;
  if (!request.patch.trim()) return undefined;
  return {
    itemId: item.id,
    revision: request.revision,
    patch: request.patch,
    scm: request.scm ?? info.scm,
    targetBranch: request.targetBranch || info.defaultBranch,
  };
}

async function main(): Promise<void> {
  const client = await connect({ jid, password, resource: `ci-bot-${process.pid}` });
  const session: IqRequester = { request: (iq, ms) => client.iqCaller.request(iq, ms) };
  const [infoItem] = await getItems(session, service, nodes.info, { ids: ["info"] });
  const form = infoItem?.payload;
  const decodedInfo = form ? decodeProjectInfo(form) : undefined;
  if (!decodedInfo?.ok) throw new Error(`no project ${slug} on ${service}`);
  const info = decodedInfo.project;

  // One run at a time, in arrival order; a revision this bot already finished is not rerun.
  const done = new Set<string>();
  for (const item of await getItems(session, service, nodes.checks).catch(() => [])) {
    const status = item.payload?.attrs.status;
    if (item.publisher === jid && status !== "pending") done.add(item.id);
  }
  let queue = Promise.resolve();
  const consider = (item: PubsubItem) => {
    const revision = revisionOf(item, info);
    if (!revision) return;
    const id = checkItemId({
      mergeRequest: revision.itemId,
      revision: revision.revision,
      name: checkName,
    });
    if (done.has(id)) return;
    done.add(id);
    queue = queue
      .then(() => test(session, info, revision))
      .catch((error: Error) => log(error.message));
  };

  client.on("stanza", (stanza: Element) => {
    for (const event of parsePubsubEvents(stanza)) {
      if (
        event.kind === "items" &&
        event.service === service &&
        event.node === nodes.mergeRequests
      ) {
        event.items.forEach(consider);
      }
    }
  });
  await client.send(xml("presence"));
  await subscribe(session, service, nodes.mergeRequests, String(client.jid));
  (await getItems(session, service, nodes.mergeRequests)).forEach(consider);
  log(`watching ${service}/${slug} as ${jid}`);

  const stop = async () => {
    await client.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: Error) => {
  console.error(`[ci-bot] ${error.message}`);
  process.exit(1);
});
