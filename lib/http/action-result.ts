import { ZodError, type core } from "zod";
import { ApplyConflictError, PatchParseError, ScmError } from "@/lib/scm/errors";
import { XmppFailure } from "@/lib/xmpp/errors";

/** What a failed server action tells its form: a message, and which field to mark. */
export interface ActionError {
  message: string;
  field?: string;
}

/** Names of form fields as the person sees them, for messages zod writes for us. */
const FIELD_LABELS: Record<string, string> = {
  title: "The title",
  bodyMarkdown: "The description",
  body: "The text",
  labels: "Labels",
  sourceUrl: "The source repository",
  sourceRef: "The source branch",
  targetBranch: "The target branch",
  cloneUrl: "The clone URL",
  defaultBranch: "The default branch",
  service: "The pubsub service",
  slug: "The short name",
  name: "The name",
  description: "The description",
  milestone: "The milestone",
  assignees: "Assignees",
  uri: "The address",
};

/** zod's own English ("Too big: expected string to have <=300 characters") is not for people. */
const ZOD_DEFAULT_MESSAGE = /^(Too (big|small): expected|Invalid (input|option|string|element)\b)/;

/** One zod issue as a sentence; messages the schemas spell out themselves are kept as they are. */
export function describeIssue(issue: core.$ZodIssue): string {
  if (!ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  const key = issue.path.find((part): part is string => typeof part === "string") ?? "";
  const field = FIELD_LABELS[key] ?? (key ? `“${key}”` : "This value");
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string"
        ? `${field} is too long: ${Number(issue.maximum).toLocaleString("en")} characters at most.`
        : `${field} has too many entries: ${Number(issue.maximum)} at most.`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) <= 1
        ? `${field} is required.`
        : `${field} is too short.`;
    case "invalid_type":
      return `${field} is missing.`;
    case "invalid_value":
      return `${field} must be one of: ${issue.values.map(String).join(", ")}.`;
    default:
      return `${field} is not valid.`;
  }
}

/** Turns anything an operation throws into a message for the person; unexpected ones are logged. */
export function actionError(error: unknown): ActionError {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    return issue
      ? { message: describeIssue(issue), field: issue.path.join(".") }
      : { message: "Check the form." };
  }
  if (error instanceof XmppFailure) return { message: error.message };
  // The SCM layer's messages name the branch, file or hunk at fault: the person needs them.
  if (error instanceof ApplyConflictError) return { message: sentence(error.message) };
  if (error instanceof PatchParseError)
    return { message: `This patch cannot be read: ${error.message}.` };
  if (error instanceof ScmError) return { message: sentence(error.message) };
  console.error("action failed unexpectedly", error);
  return { message: "Something went wrong on the server; nothing was published. Try again." };
}

function sentence(text: string): string {
  const capitalised = text.replace(/^./, (c) => c.toUpperCase());
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
