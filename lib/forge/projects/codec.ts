import xml, { type Element } from "@xmpp/xml";
import {
  type DataForm,
  DataFormError,
  formType,
  getValue,
  getValues,
  joinTextMulti,
  NS_DATA_FORMS,
  parseDataForm,
  serializeDataForm,
  setField,
  textMultiValues,
} from "@/lib/xmpp/dataform";
import { projectNodes } from "@/lib/forge/nodes";
import { formatXmppUri } from "@/lib/xmpp/xmpp-uri";
import { z } from "zod";
import { CheckNameSchema } from "@/lib/forge/checks/codec";
import { MERGE_STRATEGIES, type MergeStrategy, type ScmKind, ScmKindSchema } from "@/lib/scm/types";

/** The `info` item of `forge/<slug>/project`: what the project is and where its parts live. */
export const PROJECT_FORM_TYPE = "urn:pubforge:project:0";

export interface ProjectInfo {
  readonly name: string;
  readonly description: string;
  readonly scm: ScmKind;
  readonly cloneUrl: string;
  readonly defaultBranch: string;
  readonly ticketsUri: string;
  readonly mergeRequestsUri: string;
  readonly wikiUri: string;
  readonly mirrors: readonly string[];
  /**
   * The access model the project was created with. The service enforces it; the cache needs
   * it because the instance account, a pubsub admin, can read members-only nodes too.
   */
  readonly access: "open" | "whitelist";
  /**
   * The JID of the Pubforge instance whose server holds the repository (pushed to and merged
   * into there); empty when the repository lives elsewhere, at `cloneUrl`.
   */
  readonly repositoryHost: string;
  /** How its maintainers let merge requests land (`merge_strategies`, list-multi). */
  readonly mergeStrategies: readonly MergeStrategy[];
  /** Current approvals from maintainers a merge needs (`required_approvals`; 0: none). */
  readonly requiredApprovals: number;
  /** Checks CI bots must report as passed on a revision before it merges (`required_checks`). */
  readonly requiredChecks: readonly string[];
  /** Whether every resolvable thread must be resolved before a merge (`threads_resolved`). */
  readonly threadsResolvedBeforeMerge: boolean;
  readonly form: DataForm;
}

/**
 * The strategies a project allows, in Pubforge's order. Values Pubforge does not know are
 * dropped (a newer peer may know more); a missing field, or one naming none it knows, allows
 * all: who may merge at all is the service's to say, not this field's.
 */
export const MergeStrategiesSchema = z
  .array(z.string())
  .transform((values) => MERGE_STRATEGIES.filter((strategy) => values.includes(strategy)))
  .transform((known) => (known.length > 0 ? known : [...MERGE_STRATEGIES]));

/** More than any team has maintainers to give is a typo, not a rule. */
export const MAX_REQUIRED_APPROVALS = 20;

/** A missing or unreadable value is no rule: only maintainers write it, and the merge log too. */
export const RequiredApprovalsSchema = z
  .string()
  .regex(/^[0-9]{1,2}$/)
  .transform(Number)
  .pipe(z.number().max(MAX_REQUIRED_APPROVALS))
  .catch(0);
/** Required check names: those that do not read as one are dropped; at most 20, no repeats. */
export const RequiredChecksSchema = z.array(z.string()).transform((values) =>
  [
    ...new Set(
      values.flatMap((value) => {
        const name = CheckNameSchema.safeParse(value);
        return name.success ? [name.data] : [];
      }),
    ),
  ].slice(0, MAX_REQUIRED_CHECKS),
);
export const MAX_REQUIRED_CHECKS = 20;

export type ProjectDecoding = { ok: true; project: ProjectInfo } | { ok: false; reason: string };

export function decodeProjectInfo(x: Element): ProjectDecoding {
  let form: DataForm;
  try {
    form = parseDataForm(x);
  } catch (error) {
    if (error instanceof DataFormError) return { ok: false, reason: error.message };
    throw error;
  }
  if (formType(form) !== PROJECT_FORM_TYPE) {
    return {
      ok: false,
      reason: `not a project form (FORM_TYPE is ${formType(form) ?? "missing"})`,
    };
  }
  const name = getValue(form, "name")?.trim();
  if (!name) return { ok: false, reason: "the project has no name" };
  const scm = ScmKindSchema.safeParse(getValue(form, "scm"));
  return {
    ok: true,
    project: {
      name,
      description: joinTextMulti(getValues(form, "description")),
      scm: scm.success ? scm.data : "git",
      cloneUrl: getValue(form, "clone_url") ?? "",
      defaultBranch: getValue(form, "default_branch") || (scm.data === "hg" ? "default" : "main"),
      ticketsUri: getValue(form, "tickets_node") ?? "",
      mergeRequestsUri: getValue(form, "merge_requests_node") ?? "",
      wikiUri: getValue(form, "wiki_node") ?? "",
      mirrors: getValues(form, "mirrors").filter(Boolean),
      // Anything but an explicit "open", a missing field included, is members-only: failing
      // closed, so a project never becomes public by a field being dropped on the way.
      access: getValue(form, "access") === "open" ? "open" : "whitelist",
      repositoryHost: getValue(form, "repository_host")?.trim() ?? "",
      mergeStrategies: MergeStrategiesSchema.parse(getValues(form, "merge_strategies")),
      requiredApprovals: RequiredApprovalsSchema.parse(getValue(form, "required_approvals")),
      requiredChecks: RequiredChecksSchema.parse(getValues(form, "required_checks")),
      // XEP-0004 booleans; anything else, a missing field included, sets no rule.
      threadsResolvedBeforeMerge: ["1", "true"].includes(getValue(form, "threads_resolved") ?? ""),
      form,
    },
  };
}

export interface ProjectFields {
  readonly name: string;
  readonly description: string;
  readonly scm: ScmKind;
  readonly cloneUrl: string;
  readonly defaultBranch: string;
  readonly access?: "open" | "whitelist";
  readonly repositoryHost?: string;
  readonly mergeStrategies?: readonly MergeStrategy[];
  readonly requiredApprovals?: number;
  readonly requiredChecks?: readonly string[];
  readonly threadsResolvedBeforeMerge?: boolean;
}

const FIELD_TYPES: Record<string, string> = {
  name: "text-single",
  description: "text-multi",
  scm: "list-single",
  clone_url: "text-single",
  default_branch: "text-single",
  tickets_node: "text-single",
  merge_requests_node: "text-single",
  wiki_node: "text-single",
  mirrors: "text-multi",
  access: "list-single",
  repository_host: "jid-single",
  merge_strategies: "list-multi",
  required_approvals: "text-single",
  required_checks: "text-multi",
  threads_resolved: "boolean",
};

/** A new project form, or an edit of `previous` that keeps every field it does not set. */
export function encodeProjectInfo(
  service: string,
  slug: string,
  fields: ProjectFields,
  previous?: DataForm,
): Element {
  const nodes = projectNodes(slug);
  const values: Record<string, string[]> = {
    name: [fields.name],
    description: textMultiValues(fields.description),
    scm: [fields.scm],
    clone_url: fields.cloneUrl ? [fields.cloneUrl] : [],
    default_branch: [fields.defaultBranch],
    tickets_node: [formatXmppUri({ jid: service, node: nodes.tickets })],
    merge_requests_node: [formatXmppUri({ jid: service, node: nodes.mergeRequests })],
    wiki_node: [formatXmppUri({ jid: service, node: nodes.wiki })],
    access: [fields.access ?? "open"],
    ...(fields.repositoryHost !== undefined
      ? { repository_host: fields.repositoryHost ? [fields.repositoryHost] : [] }
      : {}),
    ...(fields.mergeStrategies !== undefined
      ? { merge_strategies: [...fields.mergeStrategies] }
      : {}),
    ...(fields.requiredApprovals !== undefined
      ? { required_approvals: [String(fields.requiredApprovals)] }
      : {}),
    ...(fields.requiredChecks !== undefined ? { required_checks: [...fields.requiredChecks] } : {}),
    ...(fields.threadsResolvedBeforeMerge !== undefined
      ? { threads_resolved: [fields.threadsResolvedBeforeMerge ? "1" : "0"] }
      : {}),
  };
  let form =
    previous ??
    setField(parseDataForm(xml("x", { xmlns: NS_DATA_FORMS, type: "submit" })), "FORM_TYPE", {
      type: "hidden",
      values: [PROJECT_FORM_TYPE],
    });
  for (const [name, fieldValues] of Object.entries(values)) {
    form = setField(form, name, { type: FIELD_TYPES[name], values: fieldValues });
  }
  return serializeDataForm(form);
}
