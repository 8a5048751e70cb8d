import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeMergeRequest } from "@/lib/forge/merge-requests/codec";
import { liberviaFixture } from "@/lib/forge/testing/fixtures";
import { PatchParseError } from "./errors";
import { formatPatch, parseGitSeries } from "./git-series";

const mbox = readFileSync(new URL("./__fixtures__/git-series.mbox", import.meta.url), "utf8");

function reason(text: string): string {
  try {
    parseGitSeries(text);
  } catch (error) {
    if (error instanceof PatchParseError) return error.message;
    throw error;
  }
  throw new Error("expected a PatchParseError");
}

describe("parseGitSeries", () => {
  it("reads git format-patch output into changesets", () => {
    const series = parseGitSeries(mbox);
    expect(series.kind).toBe("git");
    const [first, second] = series.changesets;
    expect(first).toMatchObject({
      id: "a26914516753b47db768d314f08ed72b09154e77",
      parents: ["6e49b6f9a7e42e7b354b5abcaa335f6277b279f4"],
      author: { name: "Zoë Ünïcode", email: "zoe@forge.test" },
      date: "2026-01-01T10:00:00+01:00",
      message:
        "Rename, add, delete: a subject with ünïcode that is long enough to be folded\n\nBody paragraph.",
    });
    expect(first!.files.map((file) => file.newPath)).toEqual([
      "bin.dat",
      "gone.txt",
      "long.c",
      "new.txt",
      "noeol.txt",
      "renamed.txt",
    ]);
    expect(second).toMatchObject({
      id: "be68ff6053311a3dde99dd575c1be485adedde3e",
      parents: [first!.id],
      date: "2026-01-02T08:30:00-07:00",
      message: "Mode change, no-eol edit and a quoted path",
    });
    expect(second!.files).toHaveLength(3);
  });

  it("reads the git patch of a merge request as Libervia stores it", () => {
    const decoded = decodeMergeRequest(liberviaFixture("f1_mr_git_type.xml"));
    if (!decoded.ok) throw new Error(decoded.reason);
    const [changeset, ...rest] = parseGitSeries(decoded.mergeRequest.patch).changesets;
    expect(rest).toEqual([]);
    expect(changeset).toMatchObject({
      id: "6fd26c33dd8ad5bea9e6f8d51707b2a0cd8de9f2",
      parents: [],
      author: { name: "Carol", email: "carol@forge.test" },
      date: "2026-11-25T15:07:32Z",
      message: "git fix\n\nGit body line.",
    });
    expect(changeset!.files[0]!.hunks[0]!.lines).toEqual([
      { kind: "del", text: "a = 1", oldLine: 1 },
      { kind: "add", text: "a = 3", newLine: 1 },
    ]);
  });

  it("takes the author from in-body headers (format-patch --from)", () => {
    const text = mbox.replace(
      "\nBody paragraph.\n",
      "\nFrom: Real Author <real@forge.test>\n\nBody paragraph.\n",
    );
    expect(parseGitSeries(text).changesets[0]!.author).toEqual({
      name: "Real Author",
      email: "real@forge.test",
    });
  });

  it("rejects mail it cannot read, with the reason", () => {
    expect(reason("Subject: hi\n\nplease merge\n")).toMatch(/^line 1: not git format-patch output/);
    expect(reason(mbox.replace(/^Date: .*\n/m, ""))).toBe(
      "line 1: patch 1 has no valid Date: header",
    );
    expect(reason(mbox.replace("8bit", "quoted-printable"))).toMatch(
      /patch 1 is sent as quoted-printable/,
    );
    const [first] = mbox.split(/^(?=From be68ff)/m);
    expect(reason(first!.replace(/\ndiff --git[^]*/, "\n"))).toBe(
      "line 1: patch 1 (“Rename, add, delete: a subject with ünïcode that is long …”) has no diff",
    );
    expect(reason(mbox.replace("base-commit: ", "Thanks!\nbase-commit: "))).toBe(
      "line 84: unexpected “Thanks!” after the diff of patch 1",
    );
  });
});

describe("formatPatch", () => {
  it("writes changesets that read back identically", () => {
    const { changesets } = parseGitSeries(mbox);
    const written = formatPatch(changesets);
    expect(written).toContain("Subject: [PATCH 1/2] =?UTF-8?q?Rename=2C=20add");
    expect(written).toContain("\nbase-commit: 6e49b6f9a7e42e7b354b5abcaa335f6277b279f4\n-- \n");
    expect(parseGitSeries(written).changesets).toEqual(changesets);
  });

  it("quotes names with mail specials and joins a multi-line first paragraph", () => {
    const [changeset] = parseGitSeries(mbox).changesets;
    const written = formatPatch([
      {
        ...changeset!,
        author: { name: "A. Person", email: "a@x.test" },
        message: "One\ntwo\n\nBody",
      },
    ]);
    expect(written).toContain('\nFrom: "A. Person" <a@x.test>\n');
    expect(written).toContain("\nSubject: [PATCH] One two\n");
    expect(parseGitSeries(written).changesets[0]).toMatchObject({
      author: { name: "A. Person", email: "a@x.test" },
      message: "One two\n\nBody",
    });
  });
});
