"use client";

import { createContext, useContext, type ReactNode } from "react";

/**
 * Whether the project's home service is away: then nothing can be published, and every form
 * that publishes says so by disabling its controls at once. Reading (links, search, filters)
 * goes on.
 */
const ReadOnlyContext = createContext(false);

export function ReadOnlyProvider({
  readOnly,
  children,
}: {
  readOnly: boolean;
  children: ReactNode;
}) {
  return <ReadOnlyContext.Provider value={readOnly}>{children}</ReadOnlyContext.Provider>;
}

/** The controls of a form that publishes to the project's pubsub service. */
export function PublishingControls({ children }: { children: ReactNode }) {
  const readOnly = useContext(ReadOnlyContext);
  return (
    <fieldset disabled={readOnly} className="contents">
      {children}
    </fieldset>
  );
}
