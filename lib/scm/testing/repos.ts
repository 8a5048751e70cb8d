// Test-only: temporary repositories made with the real `git` and `hg` commands, which are
// the judges of Pubforge's SCM code.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseIsoDate } from "../dates";
import { hg } from "../hg-commands/command";
import type { RepositoryUrlPolicy } from "../url-policy";

/** What the tests' repositories need: the temporary directory, and servers on 127.0.0.1. */
export const TEST_REPOSITORY_POLICY: RepositoryUrlPolicy = {
  allow: [tmpdir(), "http://127.0.0.1:"],
  resolve: async () => [],
};

const made: string[] = [];

export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `pubforge-${name}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const quietEnv = {
  ...process.env,
  LC_ALL: "C.UTF-8",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_COMMITTER_NAME: "Committer",
  GIT_COMMITTER_EMAIL: "committer@forge.test",
};

export function git(
  cwd: string,
  args: string[],
  options: { input?: string | Uint8Array; env?: Record<string, string> } = {},
): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    input: options.input,
    env: { ...quietEnv, ...options.env },
  });
}

/** A commit by `author` at `date` (ISO 8601), committed at the same time. */
export function gitCommit(cwd: string, message: string, author: string, date: string): void {
  const [, name = "", email = ""] = /^(.*) <(.*)>$/.exec(author) ?? [];
  git(cwd, ["add", "-A"]);
  git(cwd, ["commit", "-q", "-m", message], {
    env: {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
}

/** Runs the real `hg` in `cwd` (through the command server the adapter uses: hg starts slowly). */
export type HgCli = (cwd: string, args: string[]) => Promise<string>;

export const hgIn: HgCli = (cwd, args) => hg(["--cwd", cwd, ...args]);

type FileContent = string | Uint8Array | null | { text: string; mode: number } | { link: string };

/** Writes files: text or bytes, null to delete, `mode` 0o755 for an executable, `link` for a symlink. */
export function writeFiles(dir: string, files: Record<string, FileContent>): void {
  for (const [path, content] of Object.entries(files)) {
    const file = join(dir, path);
    if (content === null) {
      rmSync(file, { force: true });
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    if (typeof content === "object" && "mode" in content) {
      writeFileSync(file, content.text);
      chmodSync(file, content.mode);
    } else if (typeof content === "object" && "link" in content) {
      symlinkSync(content.link, file);
    } else {
      writeFileSync(file, content);
    }
  }
}

/** A Git work repository with main (one commit) and topic (one more), topic checked out. */
export function topicRepository(prefix: string): string {
  const work = tempDir(prefix);
  git(work, ["init", "-q", "-b", "main"]);
  writeFiles(work, { "src/a.txt": "one\ntwo\nthree\n" });
  gitCommit(work, "Base", "Alice <alice@a.test>", "2026-01-01T09:00:00+01:00");
  git(work, ["checkout", "-q", "-b", "topic"]);
  writeFiles(work, { "src/a.txt": "one\ntwo\nthree\nfour\n" });
  gitCommit(work, "Add four", "Alice <alice@a.test>", "2026-01-02T09:00:00+01:00");
  return work;
}

/** Names of the commits `servedGitRepository` makes, in order. */
const COMMIT_MESSAGES = ["First", "Second", "Third"];

/**
 * A bare repository as a Git server holds one, cloned from a work tree with one commit per
 * entry of `commits` (by Alice, a day apart): its work tree (to commit more), the bare copy and
 * the tip of `main`.
 */
export function servedGitRepository(
  name: string,
  commits: Record<string, FileContent>[],
): { work: string; bare: string; tip: string } {
  const work = tempDir(`${name}-work`);
  git(work, ["init", "-q", "-b", "main"]);
  commits.forEach((files, i) => {
    writeFiles(work, files);
    const date = `2026-01-${String(i + 1).padStart(2, "0")}T00:00:00Z`;
    gitCommit(work, COMMIT_MESSAGES[i] ?? `Commit ${i + 1}`, "Alice <alice@a.test>", date);
  });
  const bare = join(tempDir(`${name}-served`), "repo.git");
  git(work, ["clone", "-q", "--bare", ".", bare]);
  return { work, bare, tip: git(work, ["rev-parse", "main"]).trim() };
}

function binaryBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 7919 + seed) % 256);
}

const LONG_C = `int main(void)\n{\n${Array.from({ length: 12 }, (_, i) => `  step(${i + 1});\n`).join("")}}\n`;

/**
 * The history both SCMs' round trips use: a base, then changesets that rename, add and delete
 * files, edit two places of one file, leave a file without a final newline, change a mode,
 * change binary data, add a symlink, name a path that needs quoting, empty a directory, and
 * rename a file while editing it.
 */
const HISTORY: {
  message: string;
  author: string;
  date: string;
  files: Parameters<typeof writeFiles>[1];
  renames?: [string, string][];
}[] = [
  {
    message: "Base",
    author: "Base Author <base@forge.test>",
    date: "2026-01-01T09:00:00+01:00",
    files: {
      "a.txt": "a\nb\nc\n",
      "gone.txt": "del\n",
      "long.c": LONG_C,
      "keep/deep/file.txt": "deep\n",
      "bin.dat": binaryBytes(4000, 1),
    },
  },
  {
    message: "Rename, add, delete\n\nBody paragraph.",
    author: "Zoë Ünïcode <zoe@forge.test>",
    date: "2026-01-01T10:00:00+01:00",
    renames: [["a.txt", "renamed.txt"]],
    files: {
      "gone.txt": null,
      "new.txt": "new\n",
      "noeol.txt": "noeol",
      "long.c": LONG_C.replace("step(2)", "STEP(2)").replace("step(11)", "STEP(11)"),
    },
  },
  {
    message: "Mode change, no-eol edit, binary edit, quoted path",
    author: "Bob <bob@forge.test>",
    date: "2026-01-02T08:30:00-07:00",
    files: {
      "new.txt": { text: "new\n", mode: 0o755 },
      "noeol.txt": "noeol2",
      "sub dir/ünï.txt": "ü\n",
      link: { link: "renamed.txt" },
      "bin.dat": (() => {
        const bytes = binaryBytes(4000, 1);
        bytes[2000] = 0;
        return bytes;
      })(),
    },
  },
  {
    message: "Rename with an edit; empty a directory",
    author: "Bob <bob@forge.test>",
    date: "2026-01-03T12:00:00Z",
    renames: [["renamed.txt", "moved/renamed2.txt"]],
    files: {
      "moved/renamed2.txt": "a\nb\nc\nd\n",
      "keep/deep/file.txt": null,
    },
  },
];

/**
 * Makes HISTORY in a new Git repository, the base on `main` and the rest on `feature` (checked
 * out), in one `git fast-import` run rather than a command per file and commit.
 */
export function gitHistory(): string {
  const dir = tempDir("git-source");
  git(dir, ["init", "-q", "-b", "main"]);
  const stream: Uint8Array[] = [];
  const text = (line: string) => stream.push(Buffer.from(line));
  const data = (content: string | Uint8Array) => {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    text(`data ${bytes.length}\n`);
    stream.push(bytes, Buffer.from("\n"));
  };
  const tree = new Map<string, string | Uint8Array>();
  HISTORY.forEach((step, i) => {
    const { seconds, offsetMinutes } = parseIsoDate(step.date)!;
    const zone = `${offsetMinutes < 0 ? "-" : "+"}${String(Math.abs(offsetMinutes / 60) * 100).padStart(4, "0")}`;
    text(`commit refs/heads/${i === 0 ? "main" : "feature"}\nmark :${i + 1}\n`);
    text(
      `author ${step.author} ${seconds} ${zone}\ncommitter Committer <committer@forge.test> ${seconds} ${zone}\n`,
    );
    data(`${step.message}\n`);
    if (i === 1) text("from :1\n");
    const files: Record<string, (typeof step.files)[string]> = {};
    for (const [from, to] of step.renames ?? [])
      Object.assign(files, { [from]: null, [to]: tree.get(from)! });
    for (const [path, content] of Object.entries({ ...files, ...step.files })) {
      if (content === null) {
        text(`D ${path}\n`);
        tree.delete(path);
        continue;
      }
      const [mode, bytes] =
        typeof content === "object" && "mode" in content
          ? ["100755", content.text]
          : typeof content === "object" && "link" in content
            ? ["120000", content.link]
            : ["100644", content];
      text(`M ${mode} inline ${path}\n`);
      data(bytes);
      tree.set(path, bytes);
    }
  });
  git(dir, ["fast-import", "--quiet"], { input: Buffer.concat(stream) });
  git(dir, ["checkout", "-q", "-f", "feature"]);
  return dir;
}

/** Makes HISTORY in a new Mercurial repository, all on the default branch. */
export async function hgHistory(): Promise<string> {
  const dir = tempDir("hg-source");
  await hgIn(dir, ["init"]);
  for (const step of HISTORY) {
    for (const [from, to] of step.renames ?? []) await hgIn(dir, ["mv", from, to]);
    writeFiles(dir, step.files);
    await hgIn(dir, [
      "commit",
      "-A",
      "-q",
      "-m",
      step.message,
      "-u",
      step.author,
      "-d",
      hgDate(step.date),
    ]);
  }
  return dir;
}

/** Mercurial's `-d` form of an ISO date: Unix time and offset in seconds west of UTC. */
export function hgDate(iso: string): string {
  const instant = parseIsoDate(iso)!;
  return `${instant.seconds} ${-instant.offsetMinutes * 60}`;
}
