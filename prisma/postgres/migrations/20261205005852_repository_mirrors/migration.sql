-- CreateTable
CREATE TABLE "RepositoryMirror" (
    "projectId" TEXT NOT NULL,
    "pushUrl" TEXT NOT NULL DEFAULT '',
    "pushSecret" TEXT NOT NULL DEFAULT '',
    "pushSetBy" TEXT NOT NULL DEFAULT '',
    "pushSetAt" TIMESTAMP(3),
    "pushState" TEXT NOT NULL DEFAULT '',
    "pushError" TEXT NOT NULL DEFAULT '',
    "pushedAt" TIMESTAMP(3),
    "pendingBranches" TEXT NOT NULL DEFAULT '',
    "pullState" TEXT NOT NULL DEFAULT '',
    "pullDetail" TEXT NOT NULL DEFAULT '',
    "pulledAt" TIMESTAMP(3),

    CONSTRAINT "RepositoryMirror_pkey" PRIMARY KEY ("projectId")
);
