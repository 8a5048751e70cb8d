import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TicketForm } from "@/components/forge/ticket-form";
import { loadProject, type ProjectParams } from "@/lib/http/project-route";
import { createTicketAction } from "../actions";
import { newTicketPath } from "@/lib/forge/routes";

export const metadata: Metadata = { title: "New ticket" };

export default async function NewTicketPage({ params }: { params: Promise<ProjectParams> }) {
  const { project, viewer, base } = await loadProject(params);
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(newTicketPath(base))}`);
  return (
    <div className="max-w-3xl">
      <h2 className="mb-4 text-lg font-semibold">New ticket</h2>
      <TicketForm
        action={createTicketAction}
        hidden={{ projectId: project.id }}
        submitLabel="File ticket"
      />
    </div>
  );
}
