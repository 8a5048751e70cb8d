-- CreateTable
CREATE TABLE "InstanceRequest" (
    "id" TEXT NOT NULL,
    "iq" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "reply" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceRequest_pkey" PRIMARY KEY ("id")
);
