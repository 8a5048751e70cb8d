import { PatchParseError } from "./errors";
import { isFormatPatchStart, parseGitSeries } from "./git-series";
import { HG_PATCH_HEADER, parseHgSeries } from "./hg-series";
import { MAX_PATCH_BYTES, notText } from "./patch-text";
import type { ScmKind, Series } from "./types";
import { isFileDiffStart } from "./unified-diff";

export type SeriesKindDetection = { kind: ScmKind } | { kind: null; reason: string };

/**
 * Which SCM wrote a pasted or uploaded patch series, from its first line; when neither did,
 * a reason a person can act on.
 */
export function detectSeriesKind(text: string): SeriesKindDetection {
  if (Buffer.byteLength(text, "utf8") > MAX_PATCH_BYTES) {
    return { kind: null, reason: `the patch is larger than ${MAX_PATCH_BYTES / 1024 / 1024} MB` };
  }
  const head = text.replace(/^\uFEFF/, "").slice(0, 64 * 1024);
  const unreadable = notText(head);
  if (unreadable) return { kind: null, reason: unreadable };
  const lines = head.split("\n").map((line) => line.replace(/\r$/, ""));
  const first = lines.findIndex((line) => line.trim() !== "");
  const line = lines[first]!;
  if (line === HG_PATCH_HEADER) return { kind: "hg" };
  if (isFormatPatchStart(line)) return { kind: "git" };
  if (/^From \S+ /.test(line) || /^(From|Subject|Date): /.test(line)) {
    return {
      kind: null,
      reason:
        "this looks like a mail, but not one from git format-patch: send the patch as format-patch writes it",
    };
  }
  if (lines.some((_, i) => isFileDiffStart(lines, i))) {
    return {
      kind: null,
      reason:
        "this is a bare diff, without author or message: make it with “git format-patch” or “hg export --git”",
    };
  }
  return {
    kind: null,
    reason: `not a patch series: it must start with “From <commit id> …” (git format-patch) or “${HG_PATCH_HEADER}” (hg export)`,
  };
}

/** Parses a series of either kind, throwing PatchParseError with the reason when it is neither. */
export function parseSeries(text: string): Series {
  const detected = detectSeriesKind(text);
  if (detected.kind === null) throw new PatchParseError(detected.reason);
  return detected.kind === "git" ? parseGitSeries(text) : parseHgSeries(text);
}
