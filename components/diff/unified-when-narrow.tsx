"use client";

import { type ReactNode, useSyncExternalStore } from "react";

/** Below this width two code columns side by side leave each a few characters. */
const NARROW = "(max-width: 767px)";

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/**
 * The split layout, or on a narrow screen the unified one. Only one is in the DOM at a time,
 * so their ids never clash; the server renders the split one, as asked for.
 */
export function UnifiedWhenNarrow({ split, unified }: { split: ReactNode; unified: ReactNode }) {
  const narrow = useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
  return narrow ? unified : split;
}
