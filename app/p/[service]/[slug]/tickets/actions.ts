"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { addComment, editComment } from "@/lib/forge/comments/operations";
import { DEFAULT_TICKET_STATUS } from "@/lib/forge/statuses";
import {
  bulkUpdateTickets,
  createTicket,
  TicketFieldsSchema,
  updateTicket,
} from "@/lib/forge/tickets/operations";
import { z } from "zod";
import { changedTicketFields } from "@/lib/forge/tickets/edit";
import { actionError } from "@/lib/http/action-result";
import { textareaText } from "@/lib/http/textarea";
import { withViewer } from "@/lib/http/form-action";
import { projectPath, ticketPath } from "@/lib/forge/routes";
import type { FormState } from "@/lib/http/form-state";

function list(value: FormDataEntryValue | null): string[] {
  return String(value ?? "")
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

type Read = (name: string) => FormDataEntryValue | null | undefined;

function ticketInput(read: Read) {
  return {
    title: String(read("title") ?? ""),
    bodyMarkdown: textareaText(String(read("body") ?? "")),
    type: String(read("type") ?? "bug"),
    status: String(read("status") ?? DEFAULT_TICKET_STATUS),
    priority: String(read("priority") ?? "normal"),
    labels: list(read("labels") ?? null),
    assignees: list(read("assignees") ?? null),
    milestone: String(read("milestone") ?? ""),
  };
}

/** The values the edit form showed when it opened (its `shown` field), if it says. */
function shownValues(form: FormData) {
  try {
    const shown = z.record(z.string(), z.string()).parse(JSON.parse(String(form.get("shown"))));
    return TicketFieldsSchema.parse(ticketInput((name) => shown[name]));
  } catch {
    return undefined;
  }
}

export async function createTicketAction(_: FormState, form: FormData): Promise<FormState> {
  const projectId = String(form.get("projectId"));
  let number = 0;
  const state = await withViewer<FormState>(form, async (viewer) => {
    ({ number } = await createTicket(
      viewer,
      projectId,
      ticketInput((name) => form.get(name)),
    ));
  });
  if (state.error) return state;
  redirect(ticketPath(projectPath(projectId), number));
}

export async function updateTicketAction(_: FormState, form: FormData): Promise<FormState> {
  return withViewer<FormState>(form, async (viewer) => {
    const fields = TicketFieldsSchema.parse(ticketInput((name) => form.get(name)));
    const changed = changedTicketFields(fields, shownValues(form));
    if (Object.keys(changed).length === 0) return { done: "Nothing changed." };
    await updateTicket(viewer, String(form.get("ticketId")), changed);
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
    const [failure] = result.failures;
    if (failure) {
      return {
        error: {
          message: `${result.updated} updated; ${result.failures.length} failed: ${actionError(failure.error).message}`,
        },
      };
    }
    return { done: `${result.updated} ${result.updated === 1 ? "ticket" : "tickets"} updated.` };
  });
}
