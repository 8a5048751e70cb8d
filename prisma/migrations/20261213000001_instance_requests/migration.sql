-- CreateTable
CREATE TABLE "InstanceRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "iq" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "reply" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
