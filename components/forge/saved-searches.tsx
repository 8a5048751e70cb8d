"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { searchQueryPath } from "@/lib/forge/routes";
import type { FormAction, FormState } from "@/lib/http/form-state";

export interface SavedSearchRow {
  id: string;
  name: string;
  query: string;
}

/** The saved searches as links, each with a button that deletes it. */
export function SavedSearchLinks({
  searches,
  deleteAction,
}: {
  searches: readonly SavedSearchRow[];
  deleteAction: FormAction<FormState>;
}) {
  const [deleted, remove, deleting] = useActionState(deleteAction, {});
  if (searches.length === 0) {
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No saved searches yet. Search, then save the search under a name.
      </p>
    );
  }
  return (
    <div className="space-y-2">
      {deleted.error ? <Alert>{deleted.error.message}</Alert> : null}
      <ul data-testid="saved-searches" className="space-y-1">
        {searches.map((search) => (
          <li key={search.id} className="flex flex-wrap items-center gap-3 text-sm">
            <Link
              href={searchQueryPath(search.query)}
              className="font-medium text-accent-600 underline dark:text-accent-300"
            >
              {search.name}
            </Link>
            <code className="text-xs text-zinc-600 dark:text-zinc-400">{search.query}</code>
            <form action={remove}>
              <input type="hidden" name="id" value={search.id} />
              <Button type="submit" variant="secondary" disabled={deleting}>
                Delete<span className="sr-only"> saved search “{search.name}”</span>
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Saves the search shown under a name. */
export function SaveSearchForm({
  query,
  saveAction,
}: {
  query: string;
  saveAction: FormAction<FormState>;
}) {
  const [saved, save, saving] = useActionState(saveAction, {});
  return (
    <form action={save} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="query" value={query} />
      <Field
        label="Save this search as"
        name="name"
        required
        maxLength={80}
        defaultValue={saved.values?.name}
      />
      <Button type="submit" variant="secondary" disabled={saving}>
        {saving ? "Saving…" : "Save search"}
      </Button>
      {saved.error ? <Alert>{saved.error.message}</Alert> : null}
      {saved.done ? (
        <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
          {saved.done}
        </p>
      ) : null}
    </form>
  );
}
