import { inputClass } from "./field";

export type FilterOption = string | { value: string; label: string };

/**
 * One filter of a list as a select: the "any" choice first (its value empty, left out of the
 * query) unless `anyLabel` is null, then the options. The label is for screen readers only
 * unless `visibleLabel`.
 */
export function FilterSelect({
  name,
  label,
  value,
  options,
  anyLabel = `Any ${name}`,
  visibleLabel = false,
  id = `filter-${name}`,
}: {
  name: string;
  label: string;
  value?: string;
  options: readonly FilterOption[];
  anyLabel?: string | null;
  visibleLabel?: boolean;
  id?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className={visibleLabel ? "block text-sm font-medium" : "sr-only"}>
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={`${inputClass} w-auto`}>
        {anyLabel === null ? null : <option value="">{anyLabel}</option>}
        {options.map((option) => {
          const { value: optionValue, label: text } =
            typeof option === "string" ? { value: option, label: option } : option;
          return (
            <option key={optionValue} value={optionValue}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}
