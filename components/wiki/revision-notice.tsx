"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";

/**
 * Says so when the page changed under the reader's eyes (it re-renders live): the revision
 * first shown is remembered, so a newer one is announced rather than swapped in silently.
 */
export function RevisionNotice({ revision, publisher }: { revision: number; publisher: string }) {
  const [first] = useState(revision);
  if (revision === first) return null;
  return (
    <div data-testid="wiki-updated">
      <Alert tone="info">
        Updated while you were reading: revision {revision}
        {publisher ? ` by ${publisher}` : ""}.
      </Alert>
    </div>
  );
}
