/**
 * `npm run cache:rebuild`: drops the SQL cache and refills it from pubsub alone, proving the
 * cache holds nothing XMPP does not. Reads as the instance account; followed projects only.
 * A mirrored project whose home service is away is refilled from its mirror.
 */
import { closeDb, getDb } from "@/lib/cache/db";
import { followedProjects, setFollowed, setMirror } from "@/lib/cache/projects";
import type { Project } from "@/lib/generated/prisma/client";
import { instanceSession, stopInstance } from "@/lib/forge/federation/instance";
import { readingFromMirror } from "@/lib/forge/federation/mirror";
import { syncProject } from "@/lib/forge/sync/sync";
import { isFailure } from "@/lib/xmpp/errors";
import type { IqRequester } from "@/lib/xmpp/pubsub";

/** The home service, or the project's mirror when the home does not answer. */
async function refill(session: IqRequester, project: Project) {
  const options = {
    accessModel: project.accessModel,
    onProgress: (done: number, total: number) =>
      process.stdout.write(`\r  ${project.id}: comments ${done}/${total}`),
  };
  try {
    return await syncProject(session, project.service, project.slug, options);
  } catch (error) {
    if (!isFailure(error, "unreachable") || !project.mirrorService) throw error;
    console.log(
      `  ${project.id}: ${project.service} is away; reading the mirror on ${project.mirrorService}`,
    );
    const mirror = readingFromMirror(session, project.service, project.mirrorService);
    return syncProject(mirror, project.service, project.slug, options);
  }
}

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
      const report = await refill(session, project);
      await setFollowed(project.id, true);
      await setMirror(project.id, {
        mirrorService: project.mirrorService,
        mirroredAt: project.mirroredAt,
      });
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
