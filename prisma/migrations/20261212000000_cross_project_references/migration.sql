-- Backlinks across projects: every reference cached so far named an item of its own project.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ItemReference" (
    "projectId" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "toProjectId" TEXT NOT NULL,
    "toKind" TEXT NOT NULL,
    "toNumber" INTEGER NOT NULL,

    PRIMARY KEY ("fromId", "toProjectId", "toKind", "toNumber"),
    CONSTRAINT "ItemReference_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ItemReference" ("fromId", "projectId", "publisher", "sourceId", "sourceKind", "toProjectId", "toKind", "toNumber") SELECT "fromId", "projectId", "publisher", "sourceId", "sourceKind", "projectId", "toKind", "toNumber" FROM "ItemReference";
DROP TABLE "ItemReference";
ALTER TABLE "new_ItemReference" RENAME TO "ItemReference";
CREATE INDEX "ItemReference_toProjectId_toKind_toNumber_idx" ON "ItemReference"("toProjectId", "toKind", "toNumber");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
