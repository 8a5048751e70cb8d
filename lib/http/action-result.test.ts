import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ApplyConflictError, PatchParseError, ScmError } from "@/lib/scm/errors";
import { XmppFailure } from "@/lib/xmpp/errors";
import { actionError } from "./action-result";

const failure = (schema: z.ZodType, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error("expected a validation failure");
  return actionError(parsed.error);
};

describe("actionError", () => {
  it("says which field is too long, in words, instead of zod's own text", () => {
    const error = failure(z.object({ title: z.string().max(300) }), { title: "x".repeat(301) });
    expect(error).toEqual({
      message: "The title is too long: 300 characters at most.",
      field: "title",
    });
  });

  it("keeps the messages schemas spell out", () => {
    const schema = z.object({ title: z.string().min(1, "Give the ticket a title") });
    expect(failure(schema, { title: "" }).message).toBe("Give the ticket a title");
  });

  it("names a missing field and a field outside its choices", () => {
    expect(failure(z.object({ sourceRef: z.string() }), {}).message).toBe(
      "The source branch is missing.",
    );
    expect(failure(z.object({ access: z.enum(["open", "whitelist"]) }), { access: "x" })).toEqual({
      message: "“access” must be one of: open, whitelist.",
      field: "access",
    });
  });

  it("shows the SCM layer's own account of what failed", () => {
    expect(actionError(new ScmError("there is no branch “dev”")).message).toBe(
      "There is no branch “dev”.",
    );
    const conflict = new ApplyConflictError(
      { file: "docs/EXAMPLES.md" },
      "the file already exists",
    );
    expect(actionError(conflict).message).toBe(
      "Does not apply: docs/EXAMPLES.md: the file already exists.",
    );
    expect(actionError(new PatchParseError("no diff found", 3)).message).toBe(
      "This patch cannot be read: line 3: no diff found.",
    );
  });

  it("passes XMPP failures through and hides anything unexpected", () => {
    expect(actionError(new XmppFailure("forbidden", "Only maintainers merge.")).message).toBe(
      "Only maintainers merge.",
    );
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(actionError(new TypeError("x is undefined")).message).toMatch(/^Something went wrong/);
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});
