-- CreateTable
CREATE TABLE "Watch" (
    "userJid" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Watch_pkey" PRIMARY KEY ("userJid","targetId")
);

-- CreateTable
CREATE TABLE "NotificationSettings" (
    "userJid" TEXT NOT NULL,
    "inbox" BOOLEAN NOT NULL DEFAULT true,
    "xmpp" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "NotificationSettings_pkey" PRIMARY KEY ("userJid")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userJid" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "inInbox" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),
    "messagedAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Watch_targetId_state_idx" ON "Watch"("targetId", "state");

-- CreateIndex
CREATE INDEX "Notification_userJid_inInbox_readAt_createdAt_idx" ON "Notification"("userJid", "inInbox", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_messagedAt_userJid_idx" ON "Notification"("messagedAt", "userJid");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userJid_eventKey_key" ON "Notification"("userJid", "eventKey");
