import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createProject, signedInPage } from "./helpers";
import { git, hg, repositoryScratchDir } from "./repos";

/**
 * The code browser (issue #13, item 5) on a Git and a Mercurial project, each browsed the way
 * a newcomer would: tree and README, a highlighted file, a range of lines, blame, the history
 * of one file, a commit, a comparison, and a merge request opened from it. Then what must not
 * happen: a members-only project's code read by a non-member, a file from the repository
 * served as a page, a revision or path from the URL taken as an option or a way out.
 */

const SERVICE = "pubsub.a.test";

const APP = [
  "import sys",
  "",
  "",
  "def main(argv):",
  '    """Print the arguments."""',
  "    for arg in argv:",
  "        print(arg)",
  "    return 0",
  "",
  "",
  'if __name__ == "__main__":',
  "    sys.exit(main(sys.argv[1:]))",
  "",
].join("\n");

/** The history both projects share, written by a function that commits files with a message. */
function writeHistory(
  dir: string,
  commit: (message: string, files: Record<string, string>) => void,
) {
  commit("Initial import", {
    "src/app.py": APP,
    "README.md": "# Browse me\n\nA project to *browse*: read [the guide](docs/guide.md).\n",
    "docs/page.html": "<h1>Not a page</h1><script>document.title = 'pwned'</script>\n",
  });
  commit("Shout the arguments", { "src/app.py": APP.replace("print(arg)", "print(arg.upper())") });
  commit("Docs only", { "docs/guide.md": "# Guide\n" });
}

function write(dir: string, files: Record<string, string>) {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** A Git repository: main with the shared history, `feature` one commit ahead of it. */
function gitRepository(): string {
  const dir = path.join(repositoryScratchDir("pubforge-code-"), "git");
  mkdirSync(dir);
  git(dir, "init", "-q", "-b", "main");
  const commit = (message: string, files: Record<string, string>) => {
    write(dir, files);
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", message);
  };
  writeHistory(dir, commit);
  git(dir, "checkout", "-q", "-b", "feature");
  commit("Count the arguments", { "src/app.py": APP.replace("return 0", "return len(argv)") });
  git(dir, "checkout", "-q", "main");
  return dir;
}

/** A Mercurial repository: `default` with the shared history, the named branch `feature` ahead. */
function hgRepository(): string {
  const dir = path.join(repositoryScratchDir("pubforge-code-"), "hg");
  mkdirSync(dir);
  hg(dir, "init");
  const commit = (message: string, files: Record<string, string>) => {
    write(dir, files);
    hg(dir, "commit", "-A", "-q", "-m", message);
  };
  writeHistory(dir, commit);
  hg(dir, "branch", "-q", "feature");
  commit("Count the arguments", { "src/app.py": APP.replace("return 0", "return len(argv)") });
  hg(dir, "update", "-q", "default");
  return dir;
}

async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Browses a project from its Code tab to a merge request opened from a comparison. */
async function browse(page: Page, slug: string, target: string, checkAccessibility: boolean) {
  const base = `/p/${SERVICE}/${slug}`;
  const checkAxe = async () => {
    if (checkAccessibility) expect(await seriousViolations(page), page.url()).toEqual([]);
  };

  // The tree of the default branch, with its README rendered below.
  await page.goto(base);
  await page
    .getByRole("navigation", { name: "Project" })
    .getByRole("link", { name: "Code" })
    .click();
  await expect(page).toHaveURL(`${base}/code`);
  const tree = page.getByTestId("tree");
  await expect(tree.getByRole("link", { name: "src" })).toBeVisible();
  await expect(tree.getByRole("link", { name: "README.md" })).toBeVisible();
  await expect(
    page.getByTestId("readme").getByRole("heading", { name: "Browse me" }),
  ).toBeVisible();
  await expect(page.getByTestId("readme").locator("em")).toHaveText("browse");
  await expect(page.getByTestId("latest-commit")).toContainText("Docs only");
  await checkAxe();
  // The README's relative link names a file beside it, shown rendered.
  await page.getByTestId("readme").getByRole("link", { name: "the guide" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/code/blob/[0-9a-f]{40}/docs/guide\\.md$`));
  await expect(
    page.getByTestId("rendered-file").getByRole("heading", { name: "Guide" }),
  ).toBeVisible();
  await page.goto(`${base}/code`);

  // Into src/, then the file: highlighted, with breadcrumbs back.
  await tree.getByRole("link", { name: "src" }).click();
  await expect(page.getByRole("navigation", { name: "Path" })).toContainText("src");
  await page.getByTestId("tree").getByRole("link", { name: "app.py" }).click();
  await expect(page).toHaveURL(`${base}/code/blob/${target}/src/app.py`);
  const code = page.getByTestId("code");
  await expect(code.locator(".hljs-keyword").first()).toBeVisible();
  await expect(code.locator("#L7")).toContainText("print(arg.upper())");
  await expect(page.getByTestId("file-info")).toContainText("12 lines");
  await checkAxe();

  // A line, then a range with Shift; the keyboard moves along the numbers and extends it.
  await code.getByRole("link", { name: "3", exact: true }).click();
  await expect(page).toHaveURL(/#L3$/);
  await code.getByRole("link", { name: "5", exact: true }).click({ modifiers: ["Shift"] });
  await expect(page).toHaveURL(/#L3-L5$/);
  for (const line of [3, 4, 5])
    await expect(code.locator(`#L${line}`)).toHaveAttribute("data-selected", "");
  await expect(code.locator("#L6")).not.toHaveAttribute("data-selected");
  await code.getByRole("link", { name: "5", exact: true }).press("ArrowDown");
  await expect(code.getByRole("link", { name: "6", exact: true })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Shift+Enter");
  await expect(page).toHaveURL(/#L3-L7$/);
  await expect(code.locator("#L7")).toHaveAttribute("data-selected", "");
  // An address with a range selects it on arrival.
  await page.goto(`${base}/code/blob/${target}/src/app.py#L10-L11`);
  await expect(page.getByTestId("code").locator("#L10")).toHaveAttribute("data-selected", "");
  await expect(page.getByTestId("code").locator("#L11")).toHaveAttribute("data-selected", "");
  await expect(page.getByTestId("code").locator("#L12")).not.toHaveAttribute("data-selected");

  // Blame: each run of lines names the commit that last changed it.
  await page.getByRole("link", { name: "Blame" }).click();
  const blame = page.getByTestId("blame");
  await expect(blame.locator("#L1")).toContainText("Initial import");
  await expect(blame.locator("#L7")).toContainText("Shout the arguments");
  await expect(blame.locator("#L7")).toContainText("print(arg.upper())");
  await checkAxe();

  // The history of this one file: not the commit that only touched docs/.
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("log-heading")).toContainText("src/app.py");
  const log = page.getByTestId("commit-list");
  await expect(log.getByRole("link", { name: "Shout the arguments" })).toBeVisible();
  await expect(log.getByRole("link", { name: "Initial import" })).toBeVisible();
  await expect(log.getByRole("link", { name: "Docs only" })).toHaveCount(0);
  // The same filter from the form, on the whole history.
  await page.getByLabel("Only commits that touch").fill("docs");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByTestId("commit-list").locator("li")).toHaveCount(2);

  // A commit and its diff, with a way back to the file.
  await page.goto(`${base}/code/commits/${target}?path=src%2Fapp.py`);
  await page.getByTestId("commit-list").getByRole("link", { name: "Shout the arguments" }).click();
  await expect(page.getByTestId("commit-subject")).toHaveText("Shout the arguments");
  const changes = page.getByRole("region", { name: /^Changes in / });
  await expect(changes).toContainText("src/app.py");
  await expect(changes).toContainText("print(arg.upper())");
  await checkAxe();

  // Branches, then the comparison of the feature branch with the default one.
  await page
    .getByRole("navigation", { name: "Code" })
    .getByRole("link", { name: "Branches" })
    .click();
  await page.getByRole("link", { name: `Compare feature with ${target}` }).click();
  await expect(page).toHaveURL(`${base}/code/compare/${target}...feature`);
  await expect(page.getByTestId("compare-heading")).toContainText("1 commit, 1 file changed");
  await expect(page.getByTestId("commit-list")).toContainText("Count the arguments");
  await expect(page.getByRole("region", { name: /^Changes from / })).toContainText(
    "return len(argv)",
  );
  await checkAxe();

  // "Open merge request" fills in the form; Preview computes the very same series.
  await page.getByRole("link", { name: "Open merge request" }).click();
  await expect(page.getByLabel("Source branch")).toHaveValue("feature");
  await expect(page.getByLabel("Target branch")).toHaveValue(target);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("preview-commits").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("preview-commits")).toContainText("Count the arguments");
  await expect(page.getByLabel("Title")).toHaveValue("Count the arguments");
}

test.describe("the code browser", () => {
  // The raw-file test reads the Git project the first test creates.
  test.describe.configure({ mode: "serial" });

  test("browses a Git project, from the tree to a merge request opened from a comparison", async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    const upstream = gitRepository();
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, { name: "Browse git", slug: "browse-git", cloneUrl: upstream });
    await browse(alice, "browse-git", "main", true);

    // Dark mode too, on the page with the most colour.
    const dark = await (await browser.newContext({ colorScheme: "dark" })).newPage();
    await dark.goto(`/p/${SERVICE}/browse-git/code/blob/main/src/app.py#L3-L5`);
    await expect(dark.getByTestId("code").locator("#L4")).toHaveAttribute("data-selected", "");
    expect(await seriousViolations(dark)).toEqual([]);
  });

  test("browses a Mercurial project the same way", async ({ browser }) => {
    test.setTimeout(240_000);
    const upstream = hgRepository();
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, {
      name: "Browse hg",
      slug: "browse-hg",
      cloneUrl: upstream,
      scm: "hg",
    });
    await browse(alice, "browse-hg", "default", false);
  });

  test("serves files as text or bytes, never as a page, and refuses options and ways out", async ({
    page,
  }) => {
    const base = `/p/${SERVICE}/browse-git/code`;
    const raw = await page.request.get(`${base}/raw/main/src/app.py`);
    expect(raw.status()).toBe(200);
    expect(raw.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(raw.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await raw.text()).toContain("print(arg.upper())");
    const html = await page.request.get(`${base}/raw/main/docs/page.html`);
    expect(html.headers()["content-type"]).toBe("text/plain; charset=utf-8");
    expect(html.headers()["content-security-policy"]).toContain("sandbox");
    await page.goto(`${base}/raw/main/docs/page.html`);
    expect(await page.title()).not.toBe("pwned");

    for (const [url, why] of [
      // One segment holding slashes: URL parsers fold a literal `/../`, Pubforge sees this one.
      [`${base}/raw/main/src%2F..%2F..%2F..%2Fetc%2Fpasswd`, "“..”"],
      [`${base}/raw/--output=%2Ftmp%2Fx/src/app.py`, "starts with “-”"],
      [`${base}/raw/main~1/src/app.py`, "is an expression"],
    ]) {
      const refused = await page.request.get(url!);
      expect(refused.status(), url).toBe(404);
      expect(await refused.text(), url).toContain(why);
    }
    await page.goto(`${base}/tree/--upload-pack=x`);
    await expect(page.getByTestId("code-problem")).toContainText("starts with “-”");
    await page.goto(`${base}/blob/main/src%2F..%2FREADME.md`);
    await expect(page.getByTestId("code-problem")).toContainText("“..”");
  });

  test("keeps a members-only project's code from non-members, and says when there is none", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const upstream = gitRepository();
    const alice = await signedInPage(browser, "alice@a.test");
    await createProject(alice, {
      name: "Hidden code",
      slug: "hidden-code",
      cloneUrl: upstream,
      access: "whitelist",
    });
    const base = `/p/${SERVICE}/hidden-code/code`;
    await alice.goto(base);
    await expect(alice.getByTestId("tree").getByRole("link", { name: "README.md" })).toBeVisible();
    expect((await alice.request.get(`${base}/raw/main/README.md`)).status()).toBe(200);

    const bob = await signedInPage(browser, "bob@b.test");
    const anonymous = await (await browser.newContext()).newPage();
    for (const visitor of [bob, anonymous]) {
      for (const page of [
        "",
        "/tree/main/src",
        "/blob/main/README.md",
        "/commits/main",
        "/blame/main/README.md",
        "/compare/main...feature",
      ]) {
        await visitor.goto(`${base}${page}`);
        await expect(visitor.getByTestId("no-access"), page).toBeVisible();
        await expect(visitor.getByText("Browse me")).toHaveCount(0);
      }
      const refused = await visitor.request.get(`${base}/raw/main/README.md`);
      expect(refused.status()).toBe(404);
      expect(await refused.text()).not.toContain("Browse me");
    }

    await createProject(alice, { name: "No code", slug: "no-code" });
    await alice.goto(`/p/${SERVICE}/no-code/code`);
    await expect(alice.getByTestId("no-repository")).toContainText("without a clone URL");
  });
});
