import { afterAll, describe, expect, it } from "vitest";
import type { Comment } from "@/lib/generated/prisma/client";
import { git, gitCommit, hgIn, removeTempDirs, tempDir, writeFiles } from "@/lib/scm/testing/repos";
import { commentsOnRevision, throughHunks } from "./comment-positions";
import { parseRevision, splitComments, type InlineComment } from "./view";

afterAll(removeTempDirs);

const numbered = (count: number) => Array.from({ length: count }, (_, i) => `line ${i + 1}`);
const text = (lines: string[]) => lines.join("\n") + "\n";

/** What a revision does to the base: files written (null deletes) and renames, in one commit. */
interface Revision {
  files: Record<string, string | null>;
  /** Committed to the base first: this revision is rebased onto it. */
  onto?: Record<string, string>;
  renames?: [string, string][];
}

type Scm = "git" | "hg";

/** Real patches: each revision is a commit on the same base, exported as its SCM does. */
async function patches(scm: Scm, base: Record<string, string>, revisions: Revision[]) {
  const dir = tempDir(`follow-${scm}`);
  const out: string[] = [];
  if (scm === "git") {
    git(dir, ["init", "-q", "-b", "main"]);
    writeFiles(dir, base);
    gitCommit(dir, "Base", "A <a@forge.test>", "2026-01-01T00:00:00Z");
    for (const [i, revision] of revisions.entries()) {
      if (revision.onto) {
        git(dir, ["checkout", "-q", "main"]);
        writeFiles(dir, revision.onto);
        gitCommit(dir, "Base moves", "A <a@forge.test>", "2026-01-01T00:00:00Z");
      }
      git(dir, ["checkout", "-q", "-B", `rev${i}`, "main"]);
      // Git finds renames itself (format-patch -M); Mercurial records them.
      for (const [from] of revision.renames ?? []) writeFiles(dir, { [from]: null });
      writeFiles(dir, revision.files);
      gitCommit(dir, `Revision ${i + 1}`, "A <a@forge.test>", "2026-01-01T00:00:00Z");
      out.push(git(dir, ["format-patch", "-M", "--stdout", "main..HEAD"]));
    }
  } else {
    await hgIn(dir, ["init"]);
    writeFiles(dir, base);
    await hgIn(dir, ["commit", "-A", "-q", "-m", "Base", "-u", "A <a@forge.test>"]);
    let baseRev = "0";
    for (const [i, revision] of revisions.entries()) {
      await hgIn(dir, ["update", "-q", "-C", baseRev]);
      if (revision.onto) {
        writeFiles(dir, revision.onto);
        await hgIn(dir, ["commit", "-A", "-q", "-m", "Base moves", "-u", "A <a@forge.test>"]);
        baseRev = (await hgIn(dir, ["id", "-i"])).trim();
      }
      for (const [from, to] of revision.renames ?? []) await hgIn(dir, ["mv", from, to]);
      writeFiles(dir, revision.files);
      await hgIn(dir, ["commit", "-A", "-q", "-m", `Revision ${i + 1}`, "-u", "A <a@forge.test>"]);
      out.push(await hgIn(dir, ["export", "--git", "-r", "."]));
    }
  }
  return out.map((patch, i) => ({
    id: `mr#${i + 1}`,
    mergeRequestId: "mr",
    revision: i + 1,
    patch,
    publisher: "",
    flaggedBy: "",
    created: new Date(0),
    rawXml: "",
    firstSeenAt: null,
  }));
}

let serial = 0;
function comment(file: string, side: "old" | "new", line: number, revision: number): Comment {
  serial++;
  return {
    id: `c${serial}`,
    service: "pubsub.a.test",
    node: "comments",
    itemId: `c${serial}`,
    publisher: "bob@b.test",
    event: null,
    authorName: "",
    contentMarkdown: `comment ${serial}`,
    contentHtml: "",
    published: new Date(serial),
    updated: new Date(serial),
    rawXml: "",
    anchorFile: file,
    anchorSide: side,
    anchorLine: line,
    anchorRevision: revision,
    replyTo: null,
    resolution: null,
    firstSeenAt: null,
  };
}

/** Where each comment lands on `viewed`: `file:line` (`-` for old side) or `outdated`. */
async function landing(
  scm: Scm,
  base: Record<string, string>,
  revisions: Revision[],
  comments: Comment[],
  viewed = revisions.length,
) {
  const stored = await patches(scm, base, revisions);
  const parsed = parseRevision(scm, stored[viewed - 1]!);
  if (!parsed.ok) throw new Error(parsed.reason);
  const { inline } = splitComments(comments);
  const positions = commentsOnRevision(scm, stored, parsed, inline);
  const where = (c: InlineComment) =>
    `${c.anchor.file}:${c.anchor.side === "old" ? "-" : ""}${c.anchor.line}`;
  return {
    where: Object.fromEntries([
      ...positions.current.map((c) => [c.comment.id, where(c)]),
      ...positions.outdated.map((c) => [c.comment.id, "outdated"]),
    ]),
    positions,
  };
}

const lines = numbered(30);
const base = { "app.txt": text(lines), "other.txt": text(numbered(5)) };
// Revision 1 edits lines 10 and 20; revision 2 does the same, inserts two lines at the top and
// rewrites line 20's edit.
const one = [...lines];
one[9] = "ten";
one[19] = "twenty";
const two = ["new a", "new b", ...one];
two[21] = "TWENTY";

// Real repositories: git and hg take a while on a loaded machine.
describe.each(["git", "hg"] as const)(
  "comments follow the code (%s patches)",
  { timeout: 60_000 },
  (scm) => {
    it("carries an unchanged line moved by an insertion above, and outdates an edited one", async () => {
      const moved = comment("app.txt", "new", 10, 1);
      const edited = comment("app.txt", "new", 20, 1);
      const context = comment("app.txt", "new", 12, 1);
      const { where, positions } = await landing(
        scm,
        base,
        [{ files: { "app.txt": text(one) } }, { files: { "app.txt": text(two) } }],
        [moved, edited, context],
      );
      expect(where).toEqual({
        [moved.id]: "app.txt:12",
        [edited.id]: "outdated",
        [context.id]: "app.txt:14",
      });
      // Outdated: the code it was written on, revision 1's hunk around line 20.
      const [outdated] = positions.outdated;
      expect(outdated!.anchor).toMatchObject({ line: 20, revision: 1 });
      expect(outdated!.context.map((l) => `${l.kind} ${l.text}`)).toEqual([
        "context line 18",
        "context line 19",
        "del line 20",
        "add twenty",
        "context line 21",
        "context line 22",
        "context line 23",
      ]);
      // Carried: shown on revision 2, remembering where it was written.
      expect(positions.current[0]!.madeOn).toMatchObject({ line: 10, revision: 1 });
      expect(positions.current[0]!.anchor.revision).toBe(2);
    });

    it("leaves a comment on the viewed revision where it is", async () => {
      const onTwo = comment("app.txt", "new", 22, 2);
      const { where } = await landing(
        scm,
        base,
        [{ files: { "app.txt": text(one) } }, { files: { "app.txt": text(two) } }],
        [onTwo],
      );
      expect(where).toEqual({ [onTwo.id]: "app.txt:22" });
    });

    it("outdates the comments of a file the new revision deletes", async () => {
      const gone = comment("app.txt", "new", 10, 1);
      const { where } = await landing(
        scm,
        base,
        [{ files: { "app.txt": text(one) } }, { files: { "app.txt": null } }],
        [gone],
      );
      expect(where).toEqual({ [gone.id]: "outdated" });
    });

    it("follows a rename the new revision makes", async () => {
      const renamed = comment("app.txt", "new", 10, 1);
      const { where } = await landing(
        scm,
        base,
        [
          { files: { "app.txt": text(one) } },
          { renames: [["app.txt", "src/app.txt"]], files: { "src/app.txt": text(one) } },
        ],
        [renamed],
      );
      expect(where).toEqual({ [renamed.id]: "src/app.txt:10" });
    });

    it("carries a removed line's comment while the removal stays, outdates it after", async () => {
      const removed = [...lines];
      removed.splice(4, 1);
      const kept = comment("app.txt", "old", 5, 1);
      const dropped = comment("other.txt", "old", 2, 1);
      const { where } = await landing(
        scm,
        base,
        [
          { files: { "app.txt": text(removed), "other.txt": "line 1\n" } },
          { files: { "app.txt": text(["top", ...removed]) } },
        ],
        [kept, dropped],
      );
      expect(where).toEqual({ [kept.id]: "app.txt:-5", [dropped.id]: "outdated" });
    });

    it("matches lines by content when the new revision is rebased onto a moved base", async () => {
      const moved = comment("app.txt", "new", 10, 1);
      const edited = comment("app.txt", "new", 20, 1);
      const rebased = ["base a", "base b", ...one];
      rebased[21] = "TWENTY";
      const { where } = await landing(
        scm,
        base,
        [
          { files: { "app.txt": text(one) } },
          {
            onto: { "app.txt": text(["base a", "base b", ...lines]) },
            files: { "app.txt": text(rebased) },
          },
        ],
        [moved, edited],
      );
      expect(where).toEqual({ [moved.id]: "app.txt:12", [edited.id]: "outdated" });
    });

    it("survives hostile anchors: past the end, unknown files and revisions", async () => {
      const past = comment("app.txt", "new", 1_000_000_000, 1);
      const stranger = comment("nowhere.txt", "new", 3, 1);
      const future = comment("app.txt", "new", 10, 99);
      const { where } = await landing(
        scm,
        base,
        [{ files: { "app.txt": text(one) } }, { files: { "app.txt": text(two) } }],
        [past, stranger, future],
      );
      // Nothing is lost: past the end stays past the end (the diff cannot show it, the page lists
      // it apart), an unknown revision is outdated.
      expect(where).toEqual({
        [past.id]: "app.txt:1000000002",
        [stranger.id]: "nowhere.txt:3",
        [future.id]: "outdated",
      });
    });
  },
);

describe("throughHunks", () => {
  const hunk = (oldStart: number, oldLines: number, newStart: number, newLines: number) => ({
    header: "",
    oldStart,
    oldLines,
    newStart,
    newLines,
    lines: [],
  });
  it("shifts by pure insertions after their start line, not at it", () => {
    expect(throughHunks([hunk(3, 0, 4, 2)], 3)).toBe(3);
    expect(throughHunks([hunk(3, 0, 4, 2)], 4)).toBe(6);
    expect(throughHunks([hunk(0, 0, 1, 2)], 1)).toBe(3);
  });
  it("never gives a line before the first", () => {
    expect(throughHunks([hunk(1, 5, 0, 0)], 9)).toBe(4);
    expect(throughHunks([hunk(1, 5, 0, 0), hunk(8, 0, 3, 0)], 6)).toBe(1);
  });
});
