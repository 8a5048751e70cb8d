import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationSettingsForm } from "@/components/forge/notification-settings";
import { instanceJid } from "@/lib/forge/federation/instance-account";
import { viewerSettings } from "@/lib/forge/notifications/operations";
import { currentViewer } from "@/lib/http/browser-session";
import { saveSettingsAction } from "../../inbox/actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/signin?next=/settings/notifications");
  const settings = await viewerSettings(viewer);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Notifications</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          You are told of new tickets and merge requests in projects you watch, and of comments,
          status changes, assignments and merges in tickets and merge requests you watch. You watch
          what you open, comment on or are assigned to; a mention (@you) always reaches you. Use the
          Watch button on a page to change that.
        </p>
      </div>
      <NotificationSettingsForm
        jid={viewer.jid}
        instanceJid={instanceJid()}
        initial={settings}
        action={saveSettingsAction}
      />
    </div>
  );
}
