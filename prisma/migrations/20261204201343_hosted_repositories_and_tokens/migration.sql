-- CreateTable
CREATE TABLE "AccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "jid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "digest" TEXT NOT NULL,
    "created" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsed" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Project" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "service" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "scm" TEXT NOT NULL DEFAULT 'git',
    "cloneUrl" TEXT NOT NULL DEFAULT '',
    "defaultBranch" TEXT NOT NULL DEFAULT 'main',
    "accessModel" TEXT NOT NULL DEFAULT 'open',
    "repositoryHost" TEXT NOT NULL DEFAULT '',
    "followed" BOOLEAN NOT NULL DEFAULT false,
    "mirrorService" TEXT NOT NULL DEFAULT '',
    "mirroredAt" DATETIME,
    "rawXml" TEXT NOT NULL DEFAULT '',
    "syncedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Project" ("accessModel", "cloneUrl", "defaultBranch", "description", "followed", "id", "mirrorService", "mirroredAt", "name", "rawXml", "scm", "service", "slug", "syncedAt") SELECT "accessModel", "cloneUrl", "defaultBranch", "description", "followed", "id", "mirrorService", "mirroredAt", "name", "rawXml", "scm", "service", "slug", "syncedAt" FROM "Project";
DROP TABLE "Project";
ALTER TABLE "new_Project" RENAME TO "Project";
CREATE UNIQUE INDEX "Project_service_slug_key" ON "Project"("service", "slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AccessToken_digest_key" ON "AccessToken"("digest");

-- CreateIndex
CREATE INDEX "AccessToken_jid_idx" ON "AccessToken"("jid");
