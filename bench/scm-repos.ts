/**
 * The repositories the code-browser and clone benchmarks read, each made twice from one
 * `git fast-import` stream: a bare Git repository (`git fast-import`) and a Mercurial one
 * (bench/hg-import.py, the same commits through Mercurial's API). Deterministic: the same
 * stream every time (fixed dates, a seeded generator), so the repositories are cached under
 * .run/bench-repos/<REPOS_VERSION>/ and made again only when this file changes its version.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Change it whenever the streams below change: old caches are then left alone, not reused. */
export const REPOS_VERSION = "v1";

const ROOT = path.resolve(import.meta.dirname, "..");
export const REPOS_DIR = path.join(ROOT, ".run/bench-repos", REPOS_VERSION);

export type RepoName = "tree" | "log" | "blame";

export const TREE_DEEP_DIR = "src/m07/p13/q2";
export const LOG_COMMITS = 50_000;
export const LOG_FILTER_PATH = "pkg/d03/file11.txt";
export const BLAME_PATH = "src/engine.c";
export const BLAME_LINES = 5_000;
export const BLAME_COMMITS = 300;

const AUTHORS = [
  "Ada Lovelace <ada@a.test>",
  "Brian Kernighan <bwk@b.test>",
  "Grace Hopper <grace@a.test>",
  "Ken Thompson <ken@b.test>",
  "Margaret Hamilton <margaret@a.test>",
];
const START = 1_600_000_000;

/** mulberry32: a small seeded generator, so every run writes the same stream. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fast-import stream, written in pieces (50,000 commits make ~40 MB). */
class Stream {
  readonly parts: string[] = [];
  private mark = 0;
  commit(time: number, author: string, message: string, files: Record<string, string>): void {
    const id = ++this.mark;
    this.parts.push(
      `commit refs/heads/main\nmark :${id}\nauthor ${author} ${time} +0000\n` +
        `committer ${author} ${time} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n` +
        (id > 1 ? `from :${id - 1}\n` : ""),
    );
    for (const [file, text] of Object.entries(files)) {
      this.parts.push(`M 100644 inline ${file}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    }
    this.parts.push("\n");
  }
  text(): string {
    return this.parts.join("");
  }
}

const lines = (count: number, make: (i: number) => string) =>
  Array.from({ length: count }, (_, i) => make(i)).join("\n") + "\n";

/** 10,000 files four levels deep (src/mNN/pNN/qN/fN.ts), then 200 commits changing a few. */
function treeStream(): string {
  const rand = random(1);
  const stream = new Stream();
  const files: Record<string, string> = { "README.md": "# Tree\n\nTen thousand files.\n" };
  const paths: string[] = [];
  for (let m = 0; m < 20; m++)
    for (let p = 0; p < 25; p++)
      for (let q = 0; q < 4; q++)
        for (let f = 0; f < 5; f++) {
          const file = `src/m${pad(m)}/p${pad(p)}/q${q}/f${f}.ts`;
          paths.push(file);
          files[file] = lines(8, (i) => `export const v${i} = "${file}:${i}";`);
        }
  stream.commit(START, AUTHORS[0]!, "Import ten thousand files\n", files);
  for (let c = 1; c <= 200; c++) {
    const changed: Record<string, string> = {};
    for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
      const file = paths[Math.floor(rand() * paths.length)]!;
      changed[file] = lines(8, (i) => `export const v${i} = "${file}:${i}:${c}";`);
    }
    stream.commit(START + c * 3600, AUTHORS[c % AUTHORS.length]!, `Change ${c}\n`, changed);
  }
  return stream.text();
}

/** 50,000 commits, each rewriting one line of one of 500 files (pkg/dNN/fileNN.txt). */
function logStream(): string {
  const rand = random(2);
  const stream = new Stream();
  const files = new Map<string, string[]>();
  for (let d = 0; d < 20; d++)
    for (let f = 0; f < 25; f++) {
      const file = `pkg/d${pad(d)}/file${pad(f)}.txt`;
      files.set(
        file,
        Array.from({ length: 20 }, (_, i) => `${file} line ${i}`),
      );
    }
  const names = [...files.keys()];
  stream.commit(
    START,
    AUTHORS[0]!,
    "Start\n",
    Object.fromEntries(names.map((n) => [n, files.get(n)!.join("\n") + "\n"])),
  );
  for (let c = 1; c < LOG_COMMITS; c++) {
    const file = names[Math.floor(rand() * names.length)]!;
    const body = files.get(file)!;
    body[Math.floor(rand() * body.length)] = `${file} changed by commit ${c}`;
    const message = `Commit ${c}: adjust ${file}\n\nA longer description of commit ${c}.\n`;
    stream.commit(START + c * 600, AUTHORS[c % AUTHORS.length]!, message, {
      [file]: body.join("\n") + "\n",
    });
  }
  return stream.text();
}

/**
 * A 5,000-line C file changed by 300 commits (rewriting, inserting and deleting runs of lines,
 * as edits do), with 100 more commits to another file between them.
 */
function blameStream(): string {
  const rand = random(3);
  const stream = new Stream();
  let body = Array.from({ length: BLAME_LINES }, (_, i) => `  total += step(${i}, state); /* 0 */`);
  let other = "";
  stream.commit(START, AUTHORS[0]!, "Initial engine\n", { [BLAME_PATH]: body.join("\n") + "\n" });
  for (let c = 1; c <= BLAME_COMMITS + 100; c++) {
    const time = START + c * 86_400;
    const author = AUTHORS[Math.floor(rand() * AUTHORS.length)]!;
    if (c % 4 === 0) {
      other += `note ${c}\n`;
      stream.commit(time, author, `Notes ${c}\n`, { "NOTES.txt": other });
      continue;
    }
    const edits = 1 + Math.floor(rand() * 4);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(rand() * (body.length - 20));
      const run = 1 + Math.floor(rand() * 12);
      const fresh = Array.from(
        { length: run },
        (_, i) => `  total += tweak(${at + i}, state, ${c}); /* ${c} */`,
      );
      // Mostly rewrites; sometimes one line more or one less, so line numbers move.
      const removed = run + (rand() < 0.2 ? 1 : 0) - (rand() < 0.2 ? 1 : 0);
      body = [...body.slice(0, at), ...fresh, ...body.slice(at + removed)];
    }
    stream.commit(time, author, `Tune the engine (${c})\n`, {
      [BLAME_PATH]: body.join("\n") + "\n",
    });
  }
  return stream.text();
}

const pad = (n: number) => String(n).padStart(2, "0");

const STREAMS: Record<RepoName, () => string> = {
  tree: treeStream,
  log: logStream,
  blame: blameStream,
};

/** The Python that runs `hg` (its `#!` line), which has Mercurial's modules. */
function hgPython(): string {
  const hg = execFileSync("sh", ["-c", "command -v hg"], { encoding: "utf8" }).trim();
  return /^#!\s*(\S+)/.exec(fs.readFileSync(hg, "utf8").split("\n")[0]!)?.[1] ?? "python3";
}

/**
 * The bare Git repository and the Mercurial repository of `name`, made when absent. A
 * directory is renamed into place only once complete, so an interrupted run leaves no half.
 */
export function benchRepository(name: RepoName): { git: string; hg: string; madeInMs?: number } {
  const git = path.join(REPOS_DIR, `${name}.git`);
  const hg = path.join(REPOS_DIR, `${name}.hg`);
  if (fs.existsSync(git) && fs.existsSync(hg)) return { git, hg };
  const started = performance.now();
  fs.mkdirSync(REPOS_DIR, { recursive: true });
  const stream = STREAMS[name]();
  for (const target of [git, hg]) {
    if (fs.existsSync(target)) continue;
    const partial = `${target}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    if (target === git) {
      execFileSync("git", ["init", "-q", "--bare", "-b", "main", partial]);
      execFileSync("git", ["-C", partial, "fast-import", "--quiet"], {
        input: stream,
        maxBuffer: 64 * 1024 * 1024,
      });
      // One pack with deltas, as a long-lived repository on a server would have after gc.
      execFileSync("git", ["-C", partial, "gc", "-q", "--prune=now"]);
    } else {
      const result = spawnSync(
        hgPython(),
        [path.join(import.meta.dirname, "hg-import.py"), partial],
        {
          input: stream,
          env: { ...process.env, HGPLAIN: "1" },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      if (result.status !== 0) throw new Error(`hg import of ${name} failed: ${result.stderr}`);
    }
    fs.renameSync(partial, target);
  }
  return { git, hg, madeInMs: performance.now() - started };
}
