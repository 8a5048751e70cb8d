import type { Element } from "@xmpp/xml";
import { z } from "zod";
import { BareJidSchema } from "@/lib/xmpp/jid";
import {
  type DataForm,
  DataFormError,
  formType,
  getValue,
  getValues,
  getXml,
  joinTextMulti,
  NS_DATA_FORMS,
  parseDataForm,
} from "@/lib/xmpp/dataform";
import { firstChildElement } from "@/lib/xmpp/xml";

/** Reading the forms Libervia's trackers hold (tickets, merge requests) into domain values. */

export type FormDecoding = { ok: true; form: DataForm } | { ok: false; reason: string };

/** The form in a pubsub `<item>` (or the form itself), if it is the expected kind. */
export function decodeTypedForm(
  element: Element,
  expectedFormType: string,
  noun: string,
): FormDecoding {
  const x = element.getName() === "item" ? firstChildElement(element, "x", NS_DATA_FORMS) : element;
  if (!x) return { ok: false, reason: "the item holds no data form" };
  let form: DataForm;
  try {
    form = parseDataForm(x);
  } catch (error) {
    if (error instanceof DataFormError) return { ok: false, reason: error.message };
    throw error;
  }
  const kind = formType(form);
  if (kind === undefined)
    return { ok: false, reason: `the form has no FORM_TYPE, so nothing says it is a ${noun}` };
  if (kind !== expectedFormType)
    return { ok: false, reason: `the form is a "${kind}", not a ${noun} (${expectedFormType})` };
  return { ok: true, form };
}

/** Libervia's body is XHTML; other clients may put plain text in a `<value>`. */
export type FormBody = { kind: "xhtml"; div: Element } | { kind: "text"; text: string };

export function bodyValue(form: DataForm, name: string): FormBody | undefined {
  const div = getXml(form, name);
  if (div) return { kind: "xhtml", div };
  const lines = getValues(form, name);
  return lines.length > 0 ? { kind: "text", text: joinTextMulti(lines) } : undefined;
}

/** The first value, trimmed; nothing for a missing field or a blank value. */
export function textValue(form: DataForm, name: string): string | undefined {
  return nonEmpty(getValue(form, name));
}

/** A bare JID, or nothing when the value is missing or not one. */
export function bareJidValue(form: DataForm, name: string): string | undefined {
  const parsed = BareJidSchema.safeParse(getValue(form, name));
  return parsed.success ? parsed.data : undefined;
}

const IsoDateTime = z.iso.datetime({ offset: true });

/** An ISO 8601 date-time, or nothing when the value is missing or not one. */
export function dateValue(form: DataForm, name: string): string | undefined {
  const parsed = IsoDateTime.safeParse(getValue(form, name)?.trim());
  return parsed.success ? parsed.data : undefined;
}

export function distinctNonEmpty(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ""))];
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
