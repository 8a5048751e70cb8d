import type { InputHTMLAttributes, ReactNode } from "react";

export const choiceClass =
  "mt-1 accent-accent-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600";

/**
 * A checkbox or radio button with its label and an optional note. The note stays outside the
 * label and describes the box, so the box's accessible name is only the label.
 */
export function ChoiceField({
  id,
  label,
  note,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  type: "checkbox" | "radio";
  label: ReactNode;
  note?: ReactNode;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        aria-describedby={note ? `${id}-note` : undefined}
        className={choiceClass}
        {...input}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {note ? (
          <p id={`${id}-note`} className="text-xs text-zinc-600 dark:text-zinc-400">
            {note}
          </p>
        ) : null}
      </div>
    </div>
  );
}
