import { createServer, type Server } from "node:http";
import { pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import { createProject, formAlert, signedInPage } from "./helpers";
import { makeGitProject } from "./repos";

/**
 * The merge request form makes this server fetch a repository: it must not read its own disk
 * or anything on an internal address (issue #12). scripts/test.sh allows the tests' repository
 * folder and one URL prefix of the loopback server below, whose redirects go to loopback.
 */

const SERVICE = "pubsub.a.test";
const PORT = Number(process.env.PUBFORGE_TEST_REDIRECT_PORT ?? 3105);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SECRET = "internal-only-5e1c";

let server: Server;
const internalHits: string[] = [];

test.beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (path.startsWith("/allowed/")) {
      response.writeHead(302, { Location: `${ORIGIN}/internal/r.git/info/refs` }).end();
    } else {
      internalHits.push(path);
      response.writeHead(404, { "Content-Type": "text/plain" }).end(SECRET);
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, "127.0.0.1", resolve));
});

test.afterAll(() => {
  server.closeAllConnections();
  server.close();
});

test("the merge request form refuses local paths, file:, loopback and redirects to loopback", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const repos = makeGitProject();
  const slug = "ssrf";
  const alice = await signedInPage(browser, "alice@a.test");
  await createProject(alice, { name: "SSRF", slug, cloneUrl: repos.upstream });
  await alice.goto(`/p/${SERVICE}/${slug}/mr/new`);

  // The server's own working directory is a Git repository, outside the allowed folder.
  const ownRepository = process.cwd();
  const refusals: [source: string, reason: string][] = [
    [ownRepository, "this server reads no local paths"],
    [pathToFileURL(ownRepository).href, "this server reads no local paths"],
    [`${ORIGIN}/internal/r.git`, "127.0.0.1 is a loopback address"],
    [
      `${ORIGIN}/allowed/r.git`,
      `cannot fetch ${ORIGIN}/internal/r.git/info/refs: 127.0.0.1 is a loopback address`,
    ],
  ];
  for (const [source, reason] of refusals) {
    await alice.getByLabel("Source repository").fill(source);
    await alice.getByLabel("Source branch").fill("main");
    await alice.getByRole("button", { name: "Preview" }).click();
    await expect(formAlert(alice)).toContainText(`In the source repository ${source}`);
    await expect(formAlert(alice)).toContainText(reason);
    await expect(alice.getByTestId("preview-commits")).toHaveCount(0);
  }
  await expect(alice.locator("body")).not.toContainText(SECRET);
  expect(internalHits).toEqual([]);
});
