-- Backlinks across projects: every reference cached so far named an item of its own project.
-- DropIndex
DROP INDEX "ItemReference_projectId_toKind_toNumber_idx";

-- AlterTable
ALTER TABLE "ItemReference" ADD COLUMN "toProjectId" TEXT;
UPDATE "ItemReference" SET "toProjectId" = "projectId";
ALTER TABLE "ItemReference" ALTER COLUMN "toProjectId" SET NOT NULL,
DROP CONSTRAINT "ItemReference_pkey",
ADD CONSTRAINT "ItemReference_pkey" PRIMARY KEY ("fromId", "toProjectId", "toKind", "toNumber");

-- CreateIndex
CREATE INDEX "ItemReference_toProjectId_toKind_toNumber_idx" ON "ItemReference"("toProjectId", "toKind", "toNumber");
