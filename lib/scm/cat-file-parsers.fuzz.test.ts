import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectLinear } from "@/lib/testing/linear-time";
import { ScmError } from "./errors";
import {
  BatchReplyReader,
  MAX_HEADER_BYTES,
  type BatchReply,
  type ExpectedReply,
} from "./git-commands/batch-replies";
import { commitSummary, treeEntries } from "./git-commands/git-objects";

// What `git cat-file --batch-command` writes, and the objects in it, describe a repository
// anyone may have filled: the readers read it or refuse it (an ScmError, or undefined for the
// object readers, whose callers then ask git), never read past a cap, in linear time.

const ID = "a".repeat(40);

/** Replies as git writes them, with what the reader is told to expect for each. */
const replies = fc.array(
  fc.oneof(
    fc
      .uint8Array({ maxLength: 40 })
      .map((content) => ({ content: Buffer.from(content), withContent: true })),
    fc.constant({ content: undefined, withContent: false }),
    fc.constant({ content: "missing" as const, withContent: true }),
  ),
  { maxLength: 8 },
);

function stream(items: { content: Buffer | undefined | "missing"; withContent: boolean }[]) {
  const expected: ExpectedReply[] = [];
  const parts: Buffer[] = [];
  items.forEach(({ content, withContent }, i) => {
    const object = `obj${i} with space`;
    expected.push({ object, withContent, maxBytes: 64 });
    if (content === "missing") parts.push(Buffer.from(`${object} missing\n`));
    else if (!content) parts.push(Buffer.from(`${ID} tree 7\n`));
    else parts.push(Buffer.from(`${ID} blob ${content.length}\n`), content, Buffer.from("\n"));
  });
  return { expected, bytes: Buffer.concat(parts) };
}

function readAll(expected: ExpectedReply[], chunks: Buffer[]): BatchReply[] {
  const reader = new BatchReplyReader();
  for (const reply of expected) reader.expect(reply);
  return chunks.flatMap((chunk) => reader.push(chunk));
}

function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.length));
}

describe("git cat-file's replies", () => {
  it("read the same whatever the chunks, each reply with its content", () => {
    fc.assert(
      fc.property(replies, fc.array(fc.nat(), { maxLength: 10 }), (items, cuts) => {
        const { expected, bytes } = stream(items);
        const read = readAll(expected, chunked(bytes, cuts));
        expect(read).toEqual(readAll(expected, [bytes]));
        expect(read).toHaveLength(items.length);
        read.forEach((reply, i) => {
          const { content } = items[i]!;
          if (content === "missing") expect(reply.kind).toBe("missing");
          else if (content) expect(reply).toMatchObject({ kind: "found", content });
          else expect(reply).toMatchObject({ kind: "found", type: "tree", size: 7 });
        });
      }),
      { numRuns: 500 },
    );
  });

  it("read or refuse arbitrary bytes with an ScmError, nothing else", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
          replies.map((items) => stream(items).bytes.subarray(3)),
          fc.string().map((text) => Buffer.from(`${ID} blob 3\n${text}`)),
        ),
        (bytes) => {
          try {
            readAll([{ object: "x", withContent: true, maxBytes: 10 }], [bytes]);
          } catch (error) {
            if (!(error instanceof ScmError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refuse content past the cap and a header past its limit, before reading them", () => {
    const expected = [{ object: "x", withContent: true, maxBytes: 10 }];
    expect(() => readAll(expected, [Buffer.from(`${ID} blob 11\n`)])).toThrow(/larger/);
    expect(() => readAll(expected, [Buffer.from("x".repeat(MAX_HEADER_BYTES + 1))])).toThrow(
      /too long/,
    );
    expect(() => readAll([], [Buffer.from(`${ID} blob 1\n`)])).toThrow(/nobody asked/);
    // A name repeated as git repeats it is the only "missing"; a reply for another is refused.
    expect(() => readAll(expected, [Buffer.from("y missing\n")])).toThrow(ScmError);
    expect(() => readAll(expected, [Buffer.from(`${ID} blob 1\nab`)])).toThrow(/does not end/);
  });

  it("stay linear in a content and in replies, even in small chunks", { timeout: 60_000 }, () => {
    const one = (n: number) => {
      const content = Buffer.alloc(n, 120);
      const bytes = Buffer.concat([Buffer.from(`${ID} blob ${n}\n`), content, Buffer.from("\n")]);
      const expected = [{ object: "x", withContent: true, maxBytes: n }];
      // Small chunks, made before the clock starts: a reader that joined what it holds at
      // each chunk would copy the content over and over.
      const chunks = Array.from({ length: Math.ceil(bytes.length / 16) }, (_, i) =>
        bytes.subarray(i * 16, i * 16 + 16),
      );
      return () => readAll(expected, chunks);
    };
    expectLinear(one(200_000), one(400_000));
    const many = (n: number) => {
      const { expected, bytes } = stream(
        Array.from({ length: n }, () => ({ content: undefined, withContent: false })),
      );
      return () => readAll(expected, [bytes]);
    };
    expectLinear(many(20_000), many(40_000));
  });
});

/** A tree entry as Git writes it. */
const entry = (mode: string, name: string | Buffer) =>
  Buffer.concat([
    Buffer.from(`${mode} `),
    Buffer.from(name),
    Buffer.from([0]),
    Buffer.alloc(20, 7),
  ]);

describe("commit and tree objects", () => {
  it("read or give undefined for arbitrary bytes, never throw", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        commitSummary(ID, Buffer.from(bytes));
        treeEntries(Buffer.from(bytes), 20);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("100644", "100755", "120000", "40000", "160000", "100664", "040000"),
            fc.oneof(fc.string({ minLength: 0, maxLength: 6 }), fc.constantFrom(".", "..", "a/b")),
          ),
          { maxLength: 6 },
        ),
        (entries) => {
          const read = treeEntries(
            Buffer.concat(entries.map(([mode, name]) => entry(mode, name))),
            20,
          );
          if (read) expect(read.map(({ name }) => name)).toEqual(entries.map(([, name]) => name));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("give way to git for what Git would read otherwise than they would", () => {
    const commit = (headers: string) => Buffer.from(`tree ${ID}\n${headers}\n\nMessage\n`);
    const author = "author A <a@x> 1 +0000";
    expect(commitSummary(ID, commit(author))).toMatchObject({ author: { name: "A" } });
    for (const odd of [
      `${author}\nencoding ISO-8859-1`, // git log re-encodes
      `${author}\n${author}`,
      "author A  <a@x> 1 +0000", // git drops the space before `<`
      " author A <a@x> 1 +0000",
      "author A <a@x> 1 -0000", // printed +0000
      "author A <a@x> 99999999999999 +0000",
      `${author}\nparent ${ID}`, // not where git reads parents
      "",
    ]) {
      expect(commitSummary(ID, commit(odd)), odd).toBeUndefined();
    }
    expect(commitSummary(ID, Buffer.from(`tree ${ID}\n${author}\n\nNUL\0`))).toBeUndefined();
    const tree = (...entries: Buffer[]) => treeEntries(Buffer.concat(entries), 20);
    expect(tree(entry("100644", "b"), entry("100644", "a"))).toBeUndefined(); // out of order
    expect(tree(entry("100644", "a"), entry("100644", "a-b"), entry("40000", "a"))).toBeUndefined();
    expect(tree(entry("100664", "a"))).toBeUndefined(); // ls-tree prints 100644
    expect(tree(entry("100644", Buffer.from([0xff])))).toEqual([
      expect.objectContaining({ name: "\ufffd", bytes: Buffer.from([0xff]) }),
    ]);
  });

  it("stay linear in the size of the object", { timeout: 60_000 }, () => {
    const tree = (n: number) => {
      const bytes = Buffer.concat(
        Array.from({ length: n }, (_, i) => entry("100644", `f${String(i).padStart(7, "0")}`)),
      );
      return () => treeEntries(bytes, 20);
    };
    expectLinear(tree(20_000), tree(40_000));
    const commit = (n: number) => {
      const bytes = Buffer.from(
        `tree ${ID}\n${` parent ${ID}\n`.repeat(n)}author A <a@x> 1 +0000\n\n${"m\n".repeat(n)}`,
      );
      return () => commitSummary(ID, bytes);
    };
    expectLinear(commit(50_000), commit(100_000));
  });
});
