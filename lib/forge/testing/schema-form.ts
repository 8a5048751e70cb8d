import type { Element } from "@xmpp/xml";
import {
  type DataForm,
  DataFormError,
  findField,
  formType,
  NS_DATA_FORMS,
  parseDataForm,
} from "@/lib/xmpp/dataform";
import { attr, childElements, firstChildElement } from "@/lib/xmpp/xml";

/** XEP-0346 template forms: the `current` item of a tracker's `fdp/template/...` node. */

export interface SchemaOption {
  readonly value: string;
  readonly label: string | undefined;
}

export interface SchemaField {
  readonly var: string | undefined;
  readonly type: string | undefined;
  readonly label: string | undefined;
  /** The `<value>`s of a template field are its defaults (for hidden fields: the fixed value). */
  readonly defaultValues: readonly string[];
  readonly options: readonly SchemaOption[];
  readonly required: boolean;
}

export interface SchemaForm {
  readonly formType: string | undefined;
  readonly fields: readonly SchemaField[];
}

export function parseSchemaForm(x: Element): SchemaForm {
  const form = parseDataForm(x);
  if (form.type !== "form")
    throw new DataFormError(`a schema is a form of type "form", not "${form.type}"`);
  return {
    formType: formType(form),
    fields: form.fields.map(({ var: name, type, values, element }) => ({
      var: name,
      type,
      label: attr(element, "label"),
      defaultValues: values,
      options: childElements(element, "option", NS_DATA_FORMS).map((option) => ({
        value: firstChildElement(option, "value", NS_DATA_FORMS)?.getText() ?? "",
        label: attr(option, "label"),
      })),
      required: firstChildElement(element, "required", NS_DATA_FORMS) !== undefined,
    })),
  };
}

/**
 * Why a form we are about to publish would not read back as the schema intends (empty when it
 * matches). Libervia drops a list value that is not one of the schema's options, and relies on
 * hidden fields carrying the schema's fixed value, so both are checked along with var and type.
 */
export function schemaMismatches(form: DataForm, schema: SchemaForm): string[] {
  const problems: string[] = [];
  for (const expected of schema.fields) {
    if (expected.var === undefined) continue;
    const actual = findField(form, expected.var);
    if (!actual) {
      problems.push(`missing field "${expected.var}"`);
      continue;
    }
    if (actual.type !== expected.type) {
      problems.push(
        `field "${expected.var}" has type ${String(actual.type)}, the schema says ${String(expected.type)}`,
      );
    }
    if (
      expected.type === "hidden" &&
      actual.values.join("\n") !== expected.defaultValues.join("\n")
    ) {
      problems.push(
        `hidden field "${expected.var}" must be ${JSON.stringify(expected.defaultValues)}`,
      );
    }
    if (expected.options.length > 0) {
      const allowed = new Set(expected.options.map((option) => option.value));
      for (const value of actual.values) {
        if (!allowed.has(value))
          problems.push(`"${value}" is not an option of field "${expected.var}"`);
      }
    }
  }
  return problems;
}
