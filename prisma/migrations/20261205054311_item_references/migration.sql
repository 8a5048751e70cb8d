-- CreateTable
CREATE TABLE "ItemReference" (
    "projectId" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "publisher" TEXT NOT NULL,
    "toKind" TEXT NOT NULL,
    "toNumber" INTEGER NOT NULL,

    PRIMARY KEY ("fromId", "toKind", "toNumber"),
    CONSTRAINT "ItemReference_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ItemReference_projectId_toKind_toNumber_idx" ON "ItemReference"("projectId", "toKind", "toNumber");
