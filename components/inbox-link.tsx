"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { eventStream } from "@/components/live/event-stream";
import { parseInboxState } from "@/lib/events/inbox-state";

/** The header's link to the inbox with the unread count, kept current by the tab's stream. */
export function InboxLink({ initial }: { initial: number }) {
  const [unread, setUnread] = useState(initial);
  // A fresh server render (navigation, refresh) is as current as the stream: take it.
  const [rendered, setRendered] = useState(initial);
  if (rendered !== initial) {
    setRendered(initial);
    setUnread(initial);
  }
  useEffect(
    () =>
      eventStream().watchInbox((data) => {
        const next = parseInboxState(data);
        if (next) setUnread(next.unread);
      }),
    [],
  );
  return (
    <Link
      href="/inbox"
      data-testid="inbox-link"
      data-unread={unread}
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      Inbox
      {unread > 0 ? (
        <span className="rounded-full bg-accent-600 px-1.5 text-xs font-semibold text-white">
          {unread}
          <span className="sr-only"> unread</span>
        </span>
      ) : null}
    </Link>
  );
}
