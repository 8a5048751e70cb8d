/**
 * Creates (once) the public demo project `demo` on pubsub.a.test, owned by alice@a.test, with a
 * few tickets and a comment from bob@b.test, through the same code the web app uses.
 */
import { closeDb } from "@/lib/cache/db";
import { addComment } from "@/lib/forge/comments/operations";
import { stopInstance } from "@/lib/forge/federation/instance";
import { projectNodes } from "@/lib/forge/nodes";
import { createProject } from "@/lib/forge/projects/operations";
import { createTicket } from "@/lib/forge/tickets/operations";
import { openMergeRequest, previewFromSource } from "@/lib/forge/merge-requests/operations";
import { saveWikiPage } from "@/lib/forge/wiki/operations";
import { getItems } from "@/lib/xmpp/pubsub";
import { makeDemoRepositories } from "./demo-repos";
import { XmppSession } from "@/lib/xmpp/session";

const password = process.env.PUBFORGE_DEMO_PASSWORD ?? "demo";
// The seed may run beside a server that holds the instance's usual resource (in `npm test`).
process.env.PUBFORGE_INSTANCE_RESOURCE ??= "pubforge-seed";
const service = "pubsub.a.test";

const TICKETS = [
  {
    title: "Crash when the input file is empty",
    bodyMarkdown:
      "Steps:\n\n1. `touch empty.txt`\n2. `demo empty.txt`\n\nThe parser throws instead of printing nothing.",
    type: "bug",
    priority: "major",
    labels: ["parser", "crash"],
  },
  {
    title: "Support reading from standard input",
    bodyMarkdown: "So that `cat file | demo -` works, like other **Unix** tools.",
    type: "feature",
    priority: "normal",
    labels: ["cli"],
  },
  {
    title: "Document the configuration file",
    bodyMarkdown: "The README never mentions `~/.config/demo.toml`.",
    type: "feature",
    priority: "minor",
    labels: ["docs"],
  },
];

const WIKI_HOME = `Welcome to **Demo**, a small command-line tool that counts the words of a file.

- [[Getting started]]: build and run it
- The [tickets](../tickets) list what is broken and what is planned; merge requests carry fixes.

Everything here (this page too) lives on the XMPP pubsub service \`pubsub.a.test\`: any
XMPP account can read it, and anyone the project lets publish can edit it, from any server.
`;

const WIKI_GETTING_STARTED = `Clone the repository (the address is on the project's overview), then:

\`\`\`sh
python3 src/demo.py README.md
\`\`\`

Back to [[Home]].
`;

async function main(): Promise<void> {
  const alice = await XmppSession.open({ jid: "alice@a.test", password });
  try {
    const existing = await getItems(alice, service, projectNodes("demo").info).catch(() => []);
    if (existing.length > 0) {
      console.log("  demo project already exists on pubsub.a.test");
      return;
    }
    const viewer = { jid: alice.jid, session: alice };
    const repos = makeDemoRepositories();
    const id = await createProject(viewer, {
      service,
      slug: "demo",
      name: "Demo",
      description: "A small command-line tool, here to show what Pubforge does.",
      scm: "git",
      cloneUrl: repos.upstream,
      defaultBranch: "main",
      access: "open",
    });
    for (const [title, markdown] of [
      ["Home", WIKI_HOME],
      ["Getting started", WIKI_GETTING_STARTED],
    ] as const) {
      await saveWikiPage(viewer, {
        projectId: id,
        slug: "",
        baseRevision: 0,
        baseDigest: "",
        title,
        markdown,
        summary: "Demo wiki",
      });
    }
    const ids: string[] = [];
    for (const ticket of TICKETS) {
      const created = await createTicket(viewer, id, {
        ...ticket,
        status: "queued",
        assignees: [],
        milestone: "",
      });
      ids.push(created.id);
    }
    const bob = await XmppSession.open({ jid: "bob@b.test", password });
    const asBob = { jid: bob.jid, session: bob };
    await addComment(asBob, ids[0]!, "I can reproduce this with an empty file too.");
    const source = { sourceUrl: repos.fork, sourceRef: "empty-input", targetBranch: "main" };
    await openMergeRequest(asBob, id, await previewFromSource(id, source), source, {
      title: "",
      bodyMarkdown: "",
      labels: ["parser"],
    });
    await bob.close();
    console.log(`  created ${id} with ${ids.length} tickets and a merge request`);
  } finally {
    await alice.close();
    await stopInstance();
    await closeDb();
  }
}

main().catch((error) => {
  console.error("Seeding the demo failed:", error);
  process.exit(1);
});
