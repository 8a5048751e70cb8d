import { execFile } from "node:child_process";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveGitHttp } from "./git-http";
import { gitProtocolOf, serveUploadPack } from "./git-upload-pack";
import { encodePktLine, FLUSH_PKT, packetText, PktLineDecoder } from "./pkt-line";
import { gitHttpServer, uploadPackPost } from "./testing/git-http-server";
import { git, removeTempDirs, servedGitRepository, tempDir } from "./testing/repos";

const CLIENT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
};

const servedRepository = () =>
  servedGitRepository("upload-pack", [{ "a.txt": "a\n" }, { "b.txt": "b\n" }]);

function run(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("git", args, { env: CLIENT_ENV }, (error, stdout, stderr) =>
      error ? reject(new Error(`git ${args.join(" ")}: ${stderr}`)) : resolve(stdout),
    ),
  );
}

function packets(bytes: Uint8Array): string[] {
  const decoder = new PktLineDecoder();
  decoder.push(bytes);
  const texts: string[] = [];
  for (let packet = decoder.next(); packet; packet = decoder.next()) {
    texts.push(packet.kind === "flush" ? "<flush>" : packetText(packet.payload));
  }
  expect(decoder.pending).toBe(0);
  return texts;
}

const infoRefs = (repository: string, gitProtocol: string | null) => ({
  repository,
  path: "info/refs",
  method: "GET",
  query: "service=git-upload-pack",
  contentType: null,
  contentEncoding: null,
  gitProtocol,
  contentLength: null,
  body: null,
});

const LS_REFS = Buffer.concat([encodePktLine("command=ls-refs\n"), FLUSH_PKT]);

describe("git upload-pack over smart HTTP", { timeout: 60_000 }, () => {
  let server: { base: string; close: () => void };
  let base: string;
  let served: { tip: string; bare: string };
  const protocolsSeen: (string | undefined)[] = [];

  beforeAll(async () => {
    served = servedRepository();
    server = await gitHttpServer(
      () => served.bare,
      (request) => protocolsSeen.push(request.headers["git-protocol"]?.toString()),
    );
    base = server.base;
  });
  afterAll(() => {
    server.close();
    removeTempDirs();
  });

  it.each([
    ["2", "version=2"],
    ["0", undefined],
  ])("is cloned by the real git client, protocol v%s", async (version, header) => {
    protocolsSeen.length = 0;
    const dest = join(tempDir("upload-pack-clone"), "clone");
    await run(["-c", `protocol.version=${version}`, "clone", "-q", base, dest]);
    expect((await run(["-C", dest, "rev-parse", "HEAD"])).trim()).toBe(served.tip);
    expect((await run(["-C", dest, "log", "--format=%s"])).split("\n")).toContain("First");
    expect(protocolsSeen.length).toBeGreaterThanOrEqual(2);
    expect(new Set(protocolsSeen)).toEqual(new Set([header]));
  });

  it("answers protocol v2's info/refs from memory, framed as Git frames it", async () => {
    const { bare } = servedRepository();
    const first = await serveGitHttp(infoRefs(bare, "version=2"));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
    expect(first.headers.get("cache-control")).toMatch(/no-cache/);
    const answer = new Uint8Array(await first.arrayBuffer());
    const lines = packets(answer);
    expect(lines[0]).toBe("version 2");
    expect(lines).toContain("ls-refs=unborn");
    expect(lines).toContain("object-format=sha1");
    expect(lines.at(-1)).toBe("<flush>");
    expect(lines.filter((line) => line === "<flush>")).toHaveLength(1);
    // Byte for byte what Git's own http-backend answers, without the CGI header block.
    const backend = git(bare, ["http-backend"], {
      env: {
        GIT_PROJECT_ROOT: bare,
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: "/info/refs",
        REQUEST_METHOD: "GET",
        QUERY_STRING: "service=git-upload-pack",
        GIT_PROTOCOL: "version=2",
      },
    });
    expect(Buffer.from(answer).toString("utf8")).toBe(backend.split("\r\n\r\n")[1]);

    // From memory: with no Git to run, the same answer.
    const again = await serveUploadPack(infoRefs(bare, "version=2"), { PATH: "/nonexistent" }, 1);
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(answer);

    // The repository's config changes what it may offer: asked of Git again.
    git(bare, ["config", "uploadpack.allowFilter", "true"]);
    const changed = await serveGitHttp(infoRefs(bare, "version=2"));
    expect(packets(new Uint8Array(await changed.arrayBuffer()))).toContain(
      "fetch=shallow wait-for-done filter",
    );
  });

  it("advertises the refs to protocol v0 and v1 clients, after the service header", async () => {
    for (const protocol of [null, "version=1"]) {
      const response = await serveGitHttp(infoRefs(served.bare, protocol));
      const lines = packets(new Uint8Array(await response.arrayBuffer()));
      expect(lines.slice(0, 2)).toEqual(["# service=git-upload-pack", "<flush>"]);
      if (protocol) expect(lines[2]).toBe("version 1");
      expect(lines.some((line) => line.startsWith(`${served.tip} refs/heads/main`))).toBe(true);
    }
  });

  it("ignores a Git-Protocol header that is not one Git sends", async () => {
    for (const hostile of [
      "version=2\nversion=0",
      "version=2:x=y",
      " version=2",
      "version=3",
      "version=2\0",
      "VERSION=2",
    ]) {
      expect(gitProtocolOf(hostile)).toBeUndefined();
      const response = await serveGitHttp(infoRefs(served.bare, hostile));
      // Served as protocol v0: the refs, not v2's capabilities.
      expect(packets(new Uint8Array(await response.arrayBuffer()))[0]).toBe(
        "# service=git-upload-pack",
      );
    }
    expect(gitProtocolOf("version=2")).toBe("version=2");
  });

  it("inflates a gzipped request, held to the limit once inflated", async () => {
    const gzipped = await serveGitHttp(uploadPackPost(served.bare, gzipSync(LS_REFS), "gzip"));
    expect(await gzipped.text()).toContain(`${served.tip} refs/heads/main`);

    const bomb = gzipSync(Buffer.concat([LS_REFS, Buffer.alloc(2 * 1024 * 1024, 0x30)]));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(
      (await serveGitHttp(uploadPackPost(served.bare, bomb, "gzip"), 1024 * 1024)).status,
    ).toBe(413);
    expect((await serveGitHttp(uploadPackPost(served.bare, LS_REFS, "gzip"))).status).toBe(400);
  });

  it("refuses what http-backend refuses: a GET of the RPC, another content type", async () => {
    const get = await serveGitHttp({
      ...uploadPackPost(served.bare, LS_REFS),
      method: "GET",
      body: null,
    });
    expect(get.status).toBe(405);
    const text = await serveGitHttp({
      ...uploadPackPost(served.bare, LS_REFS),
      contentType: "text/plain",
    });
    expect(text.status).toBe(415);
  });
});
