import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { applyBinaryChunk, BinaryPatchError, literalChunk } from "./git-binary";
import { parseUnifiedDiff } from "./unified-diff";

describe("GIT binary patch data", () => {
  it("decodes the literals git and hg write", () => {
    const bytes = Uint8Array.from([0, 1, 2]);
    for (const line of ["KcmZQzWC8#H2LJ>B", "Kc${NkWC8#H2LJ>B"]) {
      expect(
        applyBinaryChunk({ method: "literal", size: 3, lines: [line] }, new Uint8Array()),
      ).toEqual(bytes);
    }
  });

  it("encodes literals it can decode, in lines of 52 bytes", () => {
    const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251);
    const chunk = literalChunk(data);
    expect(chunk.lines.length).toBeGreaterThan(1);
    expect(chunk.lines[0]![0]).toBe("z");
    expect(applyBinaryChunk(chunk, new Uint8Array())).toEqual(data);
  });

  it("applies the deltas git writes", () => {
    const dir = mkdtempSync(join(tmpdir(), "pubforge-binary-"));
    try {
      const git = (...args: string[]) =>
        execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@t", ...args], {
          cwd: dir,
          encoding: "utf8",
        });
      const before = Buffer.from(Uint8Array.from({ length: 20000 }, (_, i) => (i * 7919) % 253));
      const after = Buffer.from(before);
      after[10000] = 255;
      git("init", "-q");
      writeFileSync(join(dir, "blob.bin"), before);
      git("add", "blob.bin");
      writeFileSync(join(dir, "blob.bin"), after);
      const [file] = parseUnifiedDiff(git("diff", "--binary", "blob.bin"));
      expect(file!.binaryPatch!.forward.method).toBe("delta");
      expect(Buffer.from(applyBinaryChunk(file!.binaryPatch!.forward, before)).equals(after)).toBe(
        true,
      );
      expect(() => applyBinaryChunk(file!.binaryPatch!.forward, after.subarray(1))).toThrow(
        BinaryPatchError,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects data whose size disagrees with the patch", () => {
    expect(() =>
      applyBinaryChunk(
        { method: "literal", size: 4, lines: ["KcmZQzWC8#H2LJ>B"] },
        new Uint8Array(),
      ),
    ).toThrow("binary data is 3 bytes, the patch says 4");
  });
});
