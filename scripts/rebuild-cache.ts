/**
 * `npm run cache:rebuild`: drops the SQL cache and refills it from pubsub alone, proving the
 * cache holds nothing XMPP does not. Reads as the instance account; followed projects only.
 */
import { closeDb, getDb } from "@/lib/cache/db";
import { followedProjects, setFollowed } from "@/lib/cache/projects";
import { instanceSession, stopInstance } from "@/lib/forge/instance";
import { syncProject } from "@/lib/forge/sync";

async function main(): Promise<void> {
  const projects = await followedProjects();
  const session = await instanceSession();
  if (!session) throw new Error("the instance account could not connect; is the XMPP server up?");
  const db = await getDb();
  await db.$transaction([
    db.comment.deleteMany(),
    db.ticketLabel.deleteMany(),
    db.ticket.deleteMany(),
    db.project.deleteMany(),
  ]);
  console.log(`Cache emptied; refilling ${projects.length} project(s) from pubsub`);
  for (const project of projects) {
    const started = Date.now();
    try {
      const report = await syncProject(session, project.service, project.slug, {
        accessModel: project.accessModel,
        onProgress: (done, total) =>
          process.stdout.write(`\r  ${project.id}: comments ${done}/${total}`),
      });
      await setFollowed(project.id, true);
      process.stdout.write("\n");
      console.log(
        `  ${project.id}: ${report.tickets} tickets, ${report.comments} comments in ${Date.now() - started} ms` +
          (report.rejected.length ? `; ${report.rejected.length} items could not be read:` : ""),
      );
      for (const rejected of report.rejected)
        console.log(`    ${rejected.node} ${rejected.itemId}: ${rejected.reason}`);
    } catch (error) {
      console.error(`  ${project.id}: could not be refilled: ${(error as Error).message}`);
    }
  }
}

main()
  .catch((error) => {
    console.error(`Rebuild failed: ${(error as Error).message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopInstance();
    await closeDb();
  });
