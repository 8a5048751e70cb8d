"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { eventStream } from "@/components/live/event-stream";

interface Change {
  kind: string;
  id: string;
  parentId?: string;
}

/**
 * Re-renders the page's server components when the project changes. `only` narrows it to
 * changes of one item (and its comments), so a ticket page ignores the others.
 */
export function LiveRefresh({ projectId, only }: { projectId: string; only?: string }) {
  const router = useRouter();
  const [state, setState] = useState<"live" | "connecting">("connecting");
  const pending = useRef<number | null>(null);

  useEffect(() => {
    // The tab's one stream (shared with the header's session state) carries this project.
    const stop = eventStream().watchProject(projectId, {
      onLive: (live) => setState(live ? "live" : "connecting"),
      onChange: (data) => {
        const change = JSON.parse(data) as Change;
        if (only && change.id !== only && change.parentId !== only) return;
        // Bursts (bulk edits, a sync) collapse into one refresh.
        if (pending.current !== null) return;
        pending.current = window.setTimeout(() => {
          pending.current = null;
          router.refresh();
        }, 50);
      },
    });
    return () => {
      stop();
      if (pending.current !== null) window.clearTimeout(pending.current);
    };
  }, [projectId, only, router]);

  return (
    <span
      data-testid="live-state"
      data-state={state}
      className="inline-flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400"
      title={state === "live" ? "Updates appear as they happen" : "Reconnecting to live updates…"}
    >
      <span
        aria-hidden
        className={`h-2 w-2 rounded-full ${state === "live" ? "bg-emerald-500" : "bg-amber-500"}`}
      />
      {state === "live" ? "Live" : "Reconnecting…"}
    </span>
  );
}
