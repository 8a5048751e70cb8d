import xml, { type Element } from "@xmpp/xml";
import { z } from "zod";
import { childElements, cloneElement, firstChildElement, xmlSafeText } from "./xml";

/** XEP-0004 data forms as pubsub payloads, kept faithful enough to republish what we did not change. */
export const NS_DATA_FORMS = "jabber:x:data";
/** Libervia's wrapper for an XML value inside a form field (its `body` field holds XHTML this way). */
export const NS_XML_ELEMENT = "urn:xmpp:xml-element";

export interface DataFormField {
  readonly var: string | undefined;
  /** As written; `undefined` when the writer left it out (Libervia's `body`, other clients' extras). */
  readonly type: string | undefined;
  readonly values: readonly string[];
  /** The field exactly as received, republished as is unless this field is changed. */
  readonly element: Element;
}

export interface DataForm {
  readonly type: string;
  readonly fields: readonly DataFormField[];
}

export type FieldChange =
  | { readonly type?: string; readonly values: readonly string[] }
  | { readonly type?: string; readonly xml: Element };

const FormAttrs = z.object({ type: z.enum(["form", "submit", "cancel", "result"]) });
const FieldAttrs = z.object({ var: z.string().optional(), type: z.string().optional() });

export class DataFormError extends Error {}

export function parseDataForm(x: Element): DataForm {
  if (x.getName() !== "x" || x.getNS() !== NS_DATA_FORMS) {
    throw new DataFormError(
      `expected <x xmlns="${NS_DATA_FORMS}">, got <${x.name}> in ${x.getNS() ?? "no namespace"}`,
    );
  }
  const attrs = FormAttrs.safeParse(x.attrs);
  if (!attrs.success)
    throw new DataFormError(`data form has an invalid type "${String(x.attrs.type)}"`);
  return {
    type: attrs.data.type,
    fields: childElements(x, "field", NS_DATA_FORMS).map(parseField),
  };
}

function parseField(element: Element): DataFormField {
  const attrs = FieldAttrs.parse(element.attrs);
  return {
    var: attrs.var,
    type: attrs.type,
    values: childElements(element, "value", NS_DATA_FORMS).map((value) => value.getText()),
    element,
  };
}

/** XEP-0068: the form's FORM_TYPE says what kind of form it is. */
export function formType(form: DataForm): string | undefined {
  return getValue(form, "FORM_TYPE");
}

export function findField(form: DataForm, name: string): DataFormField | undefined {
  return form.fields.find((field) => field.var === name);
}

export function getValue(form: DataForm, name: string): string | undefined {
  return findField(form, name)?.values[0];
}

export function getValues(form: DataForm, name: string): readonly string[] {
  return findField(form, name)?.values ?? [];
}

/** The element inside a field's `<wrapper xmlns="urn:xmpp:xml-element">`, as Libervia stores `body`. */
export function getXml(form: DataForm, name: string): Element | undefined {
  const field = findField(form, name);
  const wrapper = field && firstChildElement(field.element, "wrapper", NS_XML_ELEMENT);
  return wrapper?.getChildElements()[0];
}

/**
 * A copy of the form in which only the named field is new (appended if it was missing); every
 * other field keeps its received element, so fields we do not understand survive an edit.
 */
export function setField(form: DataForm, name: string, change: FieldChange): DataForm {
  const existing = findField(form, name);
  const element = fieldElement(name, change, existing);
  const field: DataFormField = {
    var: name,
    type: element.attrs.type as string | undefined,
    values: "xml" in change ? [] : change.values.map(xmlSafeText),
    element,
  };
  const fields = existing
    ? form.fields.map((candidate) => (candidate === existing ? field : candidate))
    : [...form.fields, field];
  return { type: form.type, fields };
}

function fieldElement(
  name: string,
  change: FieldChange,
  existing: DataFormField | undefined,
): Element {
  // Attributes we did not change (label, a missing type) stay as the other writer left them.
  const attrs: Record<string, string> = existing ? { ...existing.element.attrs } : {};
  if (change.type !== undefined) attrs.type = change.type;
  attrs.var = name;
  // Libervia writes type before var; matching its attribute order keeps diffs of items readable.
  const ordered = attrs.type === undefined ? attrs : { type: attrs.type, ...attrs };
  const children =
    "xml" in change
      ? [xml("wrapper", { xmlns: NS_XML_ELEMENT }, cloneElement(change.xml))]
      : change.values.map((value) => xml("value", {}, xmlSafeText(value)));
  return xml("field", ordered, ...children);
}

/** The `<x type="submit">` to publish: received fields as they came, changed ones rebuilt. */
export function serializeDataForm(form: DataForm): Element {
  return xml(
    "x",
    { xmlns: NS_DATA_FORMS, type: "submit" },
    ...form.fields.map((field) => cloneElement(field.element)),
  );
}

/** Lines of a text-multi field: XEP-0004 and Libervia store one `<value>` per line. */
export function textMultiValues(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").split("\n");
}

export function joinTextMulti(values: readonly string[]): string {
  return values.join("\n");
}

/** A submit form from scratch: each field as [var, type, values], in that order. */
export function buildForm(
  fields: readonly (readonly [string, string, readonly string[]])[],
): Element {
  const empty: DataForm = { type: "submit", fields: [] };
  return serializeDataForm(
    fields.reduce((form, [name, type, values]) => setField(form, name, { type, values }), empty),
  );
}
