"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { addComment, editComment } from "@/lib/forge/comments";
import {
  bulkUpdateTickets,
  createTicket,
  TicketFieldsSchema,
  updateTicket,
} from "@/lib/forge/tickets";
import type { ActionError } from "@/lib/http/action-result";
import { withViewer } from "@/lib/http/form-action";

export type FormState = { error?: ActionError; values?: Record<string, string>; done?: string };

function list(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function ticketInput(form: FormData) {
  return {
    title: String(form.get("title") ?? ""),
    bodyMarkdown: String(form.get("body") ?? ""),
    type: String(form.get("type") ?? "bug"),
    status: String(form.get("status") ?? "queued"),
    priority: String(form.get("priority") ?? "normal"),
    labels: list(form.get("labels")),
    assignees: list(form.get("assignees")),
    milestone: String(form.get("milestone") ?? ""),
  };
}

export async function createTicketAction(_: FormState, form: FormData): Promise<FormState> {
  const projectId = String(form.get("projectId"));
  let number = 0;
  const state = await withViewer<FormState>(form, async (viewer) => {
    ({ number } = await createTicket(viewer, projectId, ticketInput(form)));
  });
  if (state.error) return state;
  redirect(`/p/${projectId}/tickets/${number}`);
}

export async function updateTicketAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const fields = TicketFieldsSchema.parse(ticketInput(form));
    await updateTicket(viewer, String(form.get("ticketId")), fields);
    revalidatePath("/p", "layout");
    return { done: "Saved." };
  });
}

export async function setStatusAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await updateTicket(viewer, String(form.get("ticketId")), {
      status: String(form.get("status")),
    });
    revalidatePath("/p", "layout");
  });
}

export async function addCommentAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await addComment(viewer, String(form.get("ticketId")), form.get("body"));
    revalidatePath("/p", "layout");
    return { done: "Comment posted." };
  });
}

export async function editCommentAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    await editComment(viewer, String(form.get("commentId")), form.get("body"));
    revalidatePath("/p", "layout");
    return { done: "Comment updated." };
  });
}

export async function bulkAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const result = await bulkUpdateTickets(viewer, {
      ids: form.getAll("ids").map(String),
      status: String(form.get("status") ?? "") || undefined,
      addLabel: String(form.get("addLabel") ?? "") || undefined,
      removeLabel: String(form.get("removeLabel") ?? "") || undefined,
    });
    revalidatePath("/p", "layout");
    if (result.failures.length) {
      return {
        error: {
          message: `${result.updated} updated; ${result.failures.length} failed: ${result.failures[0]?.message}`,
        },
      };
    }
    return { done: `${result.updated} ${result.updated === 1 ? "ticket" : "tickets"} updated.` };
  });
}
