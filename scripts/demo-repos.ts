/** The demo project's Git repository and bob's fork with a fix, made with the real `git`. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const ENV = {
  ...process.env,
  GIT_COMMITTER_NAME: "Pubforge demo",
  GIT_COMMITTER_EMAIL: "demo@a.test",
};

function git(dir: string, ...args: string[]): void {
  execFileSync("git", ["-C", dir, ...args], { env: ENV, stdio: "ignore" });
}

function commit(dir: string, files: Record<string, string>, message: string, author: string): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
    git(dir, "add", file);
  }
  git(dir, "commit", "-q", "-m", message, `--author=${author}`);
}

export function makeDemoRepositories(
  root = path.resolve(process.env.PUBFORGE_DEMO_REPOS ?? ".run/demo-repos"),
): {
  upstream: string;
  fork: string;
} {
  const upstream = path.join(root, "demo");
  const fork = path.join(root, "demo-bob");
  if (existsSync(root)) rmSync(root, { recursive: true });
  mkdirSync(upstream, { recursive: true });
  git(upstream, "init", "-q", "-b", "main");
  const alice = "Alice <alice@a.test>";
  commit(
    upstream,
    { "README.md": "# demo\n\nCounts the words of a file.\n" },
    "Start the demo tool",
    alice,
  );
  commit(
    upstream,
    {
      "src/demo.py":
        'import sys\n\n\ndef count(path):\n    with open(path) as f:\n        words = f.read().split()\n    return len(words) / len(words) * len(words)\n\n\nif __name__ == "__main__":\n    print(count(sys.argv[1]))\n',
    },
    "Count words",
    alice,
  );
  execFileSync("git", ["clone", "-q", upstream, fork], { env: ENV });
  git(fork, "checkout", "-q", "-b", "empty-input");
  const bob = "Bob <bob@b.test>";
  commit(
    fork,
    {
      "src/demo.py":
        'import sys\n\n\ndef count(path):\n    with open(path) as f:\n        words = f.read().split()\n    return len(words)\n\n\nif __name__ == "__main__":\n    print(count(sys.argv[1]))\n',
    },
    "Do not divide by the word count\n\nAn empty file has no words, and dividing by zero crashed the tool.",
    bob,
  );
  commit(
    fork,
    {
      "tests/test_demo.py":
        "from src.demo import count\n\n\ndef test_empty(tmp_path):\n    (tmp_path / 'e').write_text('')\n    assert count(tmp_path / 'e') == 0\n",
    },
    "Test the empty file",
    bob,
  );
  return { upstream, fork };
}
