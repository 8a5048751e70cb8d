-- When a signed-in viewer last opened the project: follows of remote projects nobody opens are
-- dropped after a while (lib/forge/federation/unused-follows.ts).
ALTER TABLE "Project" ADD COLUMN "openedAt" DATETIME;
-- Projects followed before this column existed start their grace period now.
UPDATE "Project" SET "openedAt" = CURRENT_TIMESTAMP;
