import { describe, expect, it } from "vitest";
import { parseDataForm } from "@/lib/xmpp/dataform";
import { mergeRequestsSchemaForm } from "./merge-requests/schema";
import { ticketsSchemaForm } from "./tickets/schema";
import {
  isOpenMergeRequest,
  isOpenTicket,
  mergeRequestStatusLabel,
  SettableMergeRequestStatusSchema,
  statusLabel,
  statusTabLabel,
} from "./statuses";

const statusOptions = (form: ReturnType<typeof parseDataForm>) =>
  form.fields
    .find((field) => field.var === "status")
    ?.element.getChildren("option")
    .map((option) => [option.getChildText("value"), option.attrs.label]);

describe("status labels", () => {
  it("name Libervia's queued 'open' and keep unknown statuses as they are", () => {
    expect(statusLabel("queued")).toBe("open");
    expect(statusLabel("review")).toBe("review");
    expect(statusLabel("wontfix")).toBe("wontfix");
    expect(statusLabel("toString")).toBe("toString");
    expect(statusTabLabel("queued")).toBe("Open");
    expect(mergeRequestStatusLabel("review")).toBe("in review");
  });

  it("are published in the merge request schema, while the tickets schema keeps Libervia's", () => {
    expect(statusOptions(parseDataForm(mergeRequestsSchemaForm()))).toEqual([
      ["queued", "open"],
      ["review", "in review"],
      ["merged", "merged"],
      ["rejected", "rejected"],
      ["closed", "closed"],
    ]);
    expect(statusOptions(parseDataForm(ticketsSchemaForm()))).toEqual([
      ["queued", "queued"],
      ["started", "started"],
      ["review", "review"],
      ["closed", "closed"],
    ]);
  });
});

describe("status vocabulary", () => {
  it("lets a person set every merge request status but merged", () => {
    expect(SettableMergeRequestStatusSchema.safeParse("rejected").success).toBe(true);
    expect(SettableMergeRequestStatusSchema.safeParse("merged").success).toBe(false);
  });

  it("says which statuses are still open", () => {
    expect(isOpenTicket("review")).toBe(true);
    expect(isOpenTicket("closed")).toBe(false);
    expect(isOpenMergeRequest("review")).toBe(true);
    expect(["merged", "closed", "rejected"].map(isOpenMergeRequest)).toEqual([false, false, false]);
  });
});
