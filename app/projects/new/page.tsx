import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentViewer } from "@/lib/http/browser-session";
import { splitJid } from "@/lib/xmpp/jid";
import { NewProjectForm } from "./new-project-form";

export const metadata: Metadata = { title: "New project" };

export default async function NewProjectPage() {
  const viewer = await currentViewer();
  if (!viewer) redirect("/signin?next=/projects/new");
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="mb-1 text-2xl font-semibold tracking-tight">New project</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">
        Pubforge creates the project&apos;s pubsub nodes (info, tickets, merge requests) and makes
        you their owner.
      </p>
      <NewProjectForm defaultService={`pubsub.${splitJid(viewer.jid).domain}`} />
    </div>
  );
}
