-- Push and pull mirrors of projects' repositories (lib/forge/repositories/push-mirror.ts,
-- pull-schedule.ts): instance-local configuration, kept by a cache rebuild.
CREATE TABLE "RepositoryMirror" (
    "projectId" TEXT NOT NULL PRIMARY KEY,
    "pushUrl" TEXT NOT NULL DEFAULT '',
    "pushSecret" TEXT NOT NULL DEFAULT '',
    "pushSetBy" TEXT NOT NULL DEFAULT '',
    "pushSetAt" DATETIME,
    "pushState" TEXT NOT NULL DEFAULT '',
    "pushError" TEXT NOT NULL DEFAULT '',
    "pushedAt" DATETIME,
    "pendingBranches" TEXT NOT NULL DEFAULT '',
    "pullState" TEXT NOT NULL DEFAULT '',
    "pullDetail" TEXT NOT NULL DEFAULT '',
    "pulledAt" DATETIME
);
