/**
 * What the header's inbox link is told: the viewer's unread count. Shared by the server (the
 * `inbox` SSE events) and the browser, which parses it back; no imports, as it ships to clients.
 */
export interface InboxState {
  unread: number;
}

/** The `data` of an `inbox` SSE event, read back in the browser; undefined when it is not one. */
export function parseInboxState(data: string): InboxState | undefined {
  try {
    const value: unknown = JSON.parse(data);
    const unread = (value as { unread?: unknown } | null)?.unread;
    return Number.isSafeInteger(unread) && (unread as number) >= 0
      ? { unread: unread as number }
      : undefined;
  } catch {
    return undefined;
  }
}
