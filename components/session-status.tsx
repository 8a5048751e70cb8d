"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { eventStream } from "@/components/live/event-stream";
import { parseSessionState, type SessionState } from "@/lib/events/session-state";

const tones: Record<SessionState["state"], { box: string; dot: string }> = {
  connected: { box: "text-zinc-600 dark:text-zinc-400", dot: "bg-emerald-500" },
  reconnecting: {
    box: "rounded-md border border-amber-300 bg-amber-50 px-2 py-0.5 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
    dot: "bg-amber-500 motion-safe:animate-pulse",
  },
  disconnected: {
    box: "rounded-md border border-red-300 bg-red-50 px-2 py-0.5 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200",
    dot: "bg-red-500",
  },
};

/**
 * The viewer's own XMPP session, as the server holds it: connected, reconnecting by itself
 * after its server went away, or ended (then why, and a way back). Updated by the tab's event
 * stream; the words carry the state, the colour only repeats it.
 */
export function SessionStatus({ initial, tag }: { initial: SessionState; tag: string }) {
  const [state, setState] = useState(initial);
  // A fresh server render (navigation, refresh) is as current as the stream: take it.
  const [rendered, setRendered] = useState(initial);
  if (!sameState(rendered, initial)) {
    setRendered(initial);
    setState(initial);
  }
  const pathname = usePathname();

  useEffect(
    () =>
      eventStream().watchSession(tag, (data) => {
        const next = parseSessionState(data);
        if (next) setState(next);
      }),
    [tag],
  );

  const tone = tones[state.state];
  return (
    // A polite live region without role="status": forms report their outcome with that role,
    // and "the page's status" must keep meaning the result of what the person just did.
    <span
      aria-live="polite"
      aria-atomic="true"
      data-testid="session-status"
      data-state={state.state}
      className={`inline-flex flex-wrap items-center gap-x-1.5 text-xs ${tone.box}`}
    >
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${tone.dot}`} />
      {state.state === "connected" ? <span>Connected</span> : null}
      {state.state === "reconnecting" ? <span>Reconnecting to {state.domain}…</span> : null}
      {state.state === "disconnected" ? (
        <>
          <span>Disconnected{state.reason ? `: ${state.reason}` : "."}</span>
          <Link
            href={`/signin?next=${encodeURIComponent(pathname)}`}
            className="font-medium underline"
          >
            Sign in again
          </Link>
        </>
      ) : null}
    </span>
  );
}

function sameState(a: SessionState, b: SessionState): boolean {
  return a.state === b.state && a.jid === b.jid && a.reason === b.reason;
}
