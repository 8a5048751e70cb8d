/**
 * merge-request: the server-side cost of reviewing and exporting patches, each next to the
 * real `git` doing the same job in the same run:
 * - parse + render a 10,000-line patch as the files tab does (parseSeries + combined diff +
 *   DiffView with a file loader: the first screens' rows, the other files as headers), against
 *   the goal of 0.5 s, next to `git apply --numstat` parsing the same patch; and a later file's
 *   rows as the page's loader renders them;
 * - the same files tab with 50 inline comments written over 3 revisions of the patch, carried
 *   to the latest or outdated (lib/forge/merge-requests/comment-positions.ts), against the page
 *   without comments;
 * - export a 500-commit series (GitAdapter.exportSeries) vs `git format-patch` of the same range.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { DiffView, LoadedDiffFileBody } from "@/components/diff/diff-view";
import { adapterFor } from "@/lib/scm";
import { composeFileDiffs } from "@/lib/scm/compose-diffs";
import type { Comment } from "@/lib/generated/prisma/client";
import { commentsOnRevision } from "@/lib/forge/merge-requests/comment-positions";
import { parseRevision, splitComments } from "@/lib/forge/merge-requests/view";
import type { BenchResult } from "./report";
import { kb, median, timed } from "./stats";

const FILES = 20;
const LINES_PER_FILE = 250; // 20 files × 250 lines, each deleted and re-added: 10,000 patch lines
const COMMITS = 500;
const RUNS = 5;
const COMMENTS = 50;
/** Two more patches to parse (the revisions the comments were written on) cost about as much again. */
const COMMENTS_GOAL = 2;
const GOAL_MS = 500;
/** The files tab's loader is a server action; here its rows are rendered in place. */
const loadFile = async () => ({ ok: false as const, message: "not loaded in the bench" });

function git(dir: string, args: string[], input?: string): string {
  return execFileSync("git", ["-C", dir, ...args], {
    input,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: {
      ...process.env,
      GIT_AUTHOR_DATE: "1700000000 +0000",
      GIT_COMMITTER_DATE: "1700000000 +0000",
    },
  });
}

/** A bare repository built with `git fast-import`: base, a 500-commit line, a 10,000-line commit. */
function makeRepository(dir: string): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ["init", "-q", "--bare", "-b", "main"]);
  const stream: string[] = [];
  let mark = 0;
  const commit = (ref: string, message: string, files: Record<string, string>, from?: string) => {
    const id = ++mark;
    stream.push(`commit ${ref}`, `mark :${id}`, "author Bench <bench@a.test> 1700000000 +0000");
    stream.push(
      "committer Bench <bench@a.test> 1700000000 +0000",
      `data ${Buffer.byteLength(message)}`,
      message,
    );
    if (from) stream.push(`from ${from}`);
    for (const [file, text] of Object.entries(files)) {
      stream.push(`M 100644 inline ${file}`, `data ${Buffer.byteLength(text)}`, text);
    }
    stream.push("");
    return `:${id}`;
  };
  const body = (seed: string) =>
    Array.from({ length: LINES_PER_FILE }, (_, i) => `${seed} line ${i} of the file`).join("\n") +
    "\n";
  const files = Object.fromEntries(
    Array.from({ length: FILES }, (_, f) => [`src/file${f}.txt`, body("old")]),
  );
  const base = commit("refs/heads/main", "Base", files);
  stream.push(`reset refs/heads/base`, `from ${base}`, "");
  let head = base;
  const current = { ...files };
  for (let c = 0; c < COMMITS; c++) {
    const file = `src/file${c % FILES}.txt`;
    const lines = current[file]!.split("\n");
    lines[(c * 7) % LINES_PER_FILE] = `changed by commit ${c}`;
    current[file] = lines.join("\n");
    head = commit(
      "refs/heads/main",
      `Commit ${c}\n\nChanges one line of ${file}.`,
      { [file]: current[file]! },
      head,
    );
  }
  const big = Object.fromEntries(Object.keys(files).map((file) => [file, body("new")]));
  const bigTip = commit("refs/heads/big", "Rewrite every line", big, base);
  // Two later revisions: lines inserted at the top of five files, one line of each edited.
  const revised = (n: number) =>
    Object.fromEntries(
      Object.entries(big)
        .slice(0, 5)
        .map(([file, text]) => [
          file,
          "inserted\n".repeat(n) + text.replace(`new line ${20 * n} of`, `edited (${n}) line of`),
        ]),
    );
  const second = commit("refs/heads/big2", "Revise", revised(1), bigTip);
  commit("refs/heads/big3", "Revise again", revised(2), second);
  git(dir, ["fast-import", "--quiet"], stream.join("\n") + "\n");
}

export async function runMergeRequest(): Promise<BenchResult> {
  const started = Date.now();
  const root = mkdtempSync(path.join(tmpdir(), "pubforge-bench-mr-"));
  const dir = path.join(root, "repo.git");
  try {
    makeRepository(dir);
    const adapter = adapterFor("git");
    const bigPatch = git(dir, ["format-patch", "--stdout", "base..big"]);
    const changed = bigPatch.split("\n").filter((l) => /^[+-][^+-]/.test(l)).length;

    const parseRender: number[] = [];
    const gitParse: number[] = [];
    const later: number[] = [];
    const whole: number[] = [];
    let htmlBytes = 0;
    let laterBytes = 0;
    let wholeBytes = 0;
    const render = (element: Parameters<typeof renderToString>[0]) =>
      renderToString(element).length;
    for (let run = 0; run < RUNS; run++) {
      parseRender.push(
        (
          await timed(() => {
            const series = adapter.parseSeries(bigPatch);
            const files = composeFileDiffs(series.changesets.map((c) => c.files));
            htmlBytes = render(createElement(DiffView, { files, mode: "unified", loadFile }));
          })
        ).ms,
      );
      gitParse.push((await timed(() => git(dir, ["apply", "--numstat", "-"], bigPatch))).ms);
      later.push(
        (
          await timed(() => {
            const series = adapter.parseSeries(bigPatch);
            const files = composeFileDiffs(series.changesets.map((c) => c.files));
            const index = FILES - 1;
            const file = files[index]!;
            laterBytes = render(
              createElement(LoadedDiffFileBody, {
                file,
                index,
                mode: "unified",
                commentable: true,
              }),
            );
          })
        ).ms,
      );
      whole.push(
        (
          await timed(() => {
            const series = adapter.parseSeries(bigPatch);
            const files = composeFileDiffs(series.changesets.map((c) => c.files));
            wholeBytes = render(createElement(DiffView, { files, mode: "unified" }));
          })
        ).ms,
      );
    }

    const revisions = ["base..big", "base..big2", "base..big3"].map((range, i) => ({
      id: `mr#${i + 1}`,
      mergeRequestId: "mr",
      revision: i + 1,
      patch: git(dir, ["format-patch", "--stdout", range]),
      publisher: "",
      flaggedBy: "",
      created: new Date(0),
      rawXml: "",
      firstSeenAt: null,
    }));
    const { inline } = splitComments(
      Array.from({ length: COMMENTS }, (_, i) => benchComment(i, (i % 3) + 1)),
    );
    const withComments: number[] = [];
    const withoutComments: number[] = [];
    let placed = 0;
    let outdated = 0;
    const filesTab = (comments: boolean) => {
      const parsed = parseRevision("git", revisions[2]!);
      if (!parsed.ok) throw new Error(parsed.reason);
      const positions = comments
        ? commentsOnRevision("git", revisions, parsed, inline)
        : { current: [], outdated: [] };
      placed = positions.current.length;
      outdated = positions.outdated.length;
      render(
        createElement(DiffView, {
          files: parsed.files,
          mode: "unified",
          loadFile,
          comments: positions.current.map(({ anchor, comment }) => ({
            anchor,
            node: createElement("p", { key: comment.id }, comment.contentMarkdown),
          })),
        }),
      );
    };
    for (let run = 0; run < RUNS; run++) {
      withoutComments.push((await timed(() => filesTab(false))).ms);
      withComments.push((await timed(() => filesTab(true))).ms);
    }

    const exports: number[] = [];
    const formatPatch: number[] = [];
    let exported = "";
    for (let run = 0; run < RUNS; run++) {
      exports.push(
        (
          await timed(
            async () =>
              (exported = await adapter.exportSeries(dir, {
                base: "base",
                head: "main",
                maxCommits: 1_000,
              })),
          )
        ).ms,
      );
      formatPatch.push(
        (await timed(() => git(dir, ["format-patch", "--stdout", "base..main"]))).ms,
      );
    }
    const exportedCommits = (exported.match(/^From [0-9a-f]{40} /gm) ?? []).length;

    const pr = median(parseRender);
    const gp = median(gitParse);
    const lf = median(later);
    const wh = median(whole);
    const wc = median(withComments);
    const nc = median(withoutComments);
    const ex = median(exports);
    const fp = median(formatPatch);
    return {
      name: "merge-request",
      date: new Date().toISOString(),
      seconds: (Date.now() - started) / 1000,
      rows: [
        {
          benchmark: "merge-request: parse + render",
          figure: `${changed.toLocaleString("en")}-line patch parsed and rendered to HTML as the files tab does: ${pr.toFixed(0)} ms`,
          baseline: `the goal, ${GOAL_MS} ms (git apply --numstat of the same patch: ${gp.toFixed(0)} ms)`,
          ratio: `${(pr / GOAL_MS).toFixed(2)}× the goal`,
          goal: `< ${GOAL_MS} ms`,
          met: pr < GOAL_MS,
        },
        {
          benchmark: "merge-request: a later file loaded",
          figure: `file ${FILES} of ${FILES} (${LINES_PER_FILE * 2} lines) parsed and rendered as the loader does: ${lf.toFixed(0)} ms`,
          baseline: `the goal, ${GOAL_MS} ms`,
          ratio: `${(lf / GOAL_MS).toFixed(2)}× the goal`,
          goal: `< ${GOAL_MS} ms`,
          met: lf < GOAL_MS,
        },
        {
          benchmark: "merge-request: 50 comments over 3 revisions",
          figure: `files tab of revision 3 with ${COMMENTS} inline comments written on revisions 1–3 (${placed} shown on their lines, ${outdated} outdated): ${wc.toFixed(0)} ms`,
          baseline: `the same tab without comments: ${nc.toFixed(0)} ms`,
          ratio: `${(wc / nc).toFixed(2)}×`,
          goal: `≤ ${COMMENTS_GOAL}× the tab without comments`,
          met: wc <= COMMENTS_GOAL * nc,
        },
        {
          benchmark: "merge-request: export series",
          figure: `${exportedCommits}-commit series exported: ${(ex / 1000).toFixed(2)} s`,
          baseline: `git format-patch of the same range: ${(fp / 1000).toFixed(2)} s`,
          ratio: `${(ex / fp).toFixed(2)}×`,
          goal: "measured (no number set)",
        },
      ],
      notes: [
        `patch: one commit rewriting ${FILES} files of ${LINES_PER_FILE} lines (${(bigPatch.length / 1024).toFixed(0)} KB); the files tab's HTML ${kb(htmlBytes)} (unified view, the first screens' rows: files while fewer than EAGER_LINES lines are in the page, at least one; the others as headers that load their rows when opened or scrolled near); a later file's rows ${kb(laterBytes)}`,
        `the whole diff rendered at once, as the page did before it loaded files lazily (DiffView without a loader): ${wh.toFixed(0)} ms, ${kb(wholeBytes)} of HTML; runs ${whole.map((t) => t.toFixed(0)).join(", ")} ms`,
        `a later file's runs: ${later.map((t) => t.toFixed(0)).join(", ")} ms (the loader parses the revision again: its request carries only the file's index)`,
        "before this change (b54f86d, load 0.5): the whole diff rendered with the page, 649 ms and 2.9 MB of HTML for this patch; the per-line markup has since lost ~40% (short class names, the +/− and the comment button's + drawn by CSS, the button's anchor read from its table), and comment forms are made in the browser on click instead of one per line in the page's RSC payload",
        `comments: revision 1 rewrites ${FILES} files, revisions 2 and 3 add one and two commits inserting lines at the top of 5 files and editing a line of each; the comments' other revisions (1 and 2) are parsed, and only their commented files composed into interdiffs; runs with comments ${withComments.map((t) => t.toFixed(0)).join(", ")} ms, without ${withoutComments.map((t) => t.toFixed(0)).join(", ")} ms`,
        `series: ${COMMITS} commits each changing one line, made with git fast-import in a bare repository`,
        `medians of ${RUNS} runs; parse + render runs: ${parseRender.map((t) => t.toFixed(0)).join(", ")} ms; exports: ${exports.map((t) => (t / 1000).toFixed(2)).join(", ")} s`,
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** An inline comment on a new-side line of one of the first ten files, as the cache holds it. */
function benchComment(i: number, revision: number): Comment {
  return {
    id: `c${i}`,
    service: "pubsub.a.test",
    node: "comments",
    itemId: `c${i}`,
    publisher: "bob@b.test",
    event: null,
    authorName: "",
    contentMarkdown: `Comment ${i}`,
    contentHtml: "",
    published: new Date(i),
    updated: new Date(i),
    rawXml: "",
    anchorFile: `src/file${i % 10}.txt`,
    anchorSide: "new",
    anchorLine: 1 + ((i * 37) % LINES_PER_FILE),
    anchorRevision: revision,
    replyTo: null,
    resolution: null,
    firstSeenAt: null,
  };
}
