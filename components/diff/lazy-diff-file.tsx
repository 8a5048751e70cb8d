"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { COMMENT_POSTED_EVENT } from "@/components/forge/comment-form";
import { currentHash, revealTarget } from "./line-target";

/** A file's body as the server rendered it, or why it could not. */
export type LoadedDiffFile = { ok: true; body: ReactNode } | { ok: false; message: string };

/** Fetches the body of file `index` of the diff (a server action, its diff bound in). */
export type LoadDiffFile = (index: number, mode: "unified" | "split") => Promise<LoadedDiffFile>;

type State =
  | { status: "idle" | "loading" }
  | { status: "loaded"; body: ReactNode }
  | { status: "failed"; message: string };

/** How far (px) below the screen a file starts loading, so it is there when scrolled to. */
const AHEAD = 300;

function isNear(element: Element): boolean {
  const { top, bottom } = element.getBoundingClientRect();
  return bottom > -AHEAD && top < window.innerHeight + AHEAD;
}

interface Job {
  /** Asked for by the reader (opened, linked to): before the files merely scrolled near. */
  readonly urgent: boolean;
  readonly run: () => Promise<void>;
}

/**
 * One file loads at a time, the reader's own requests first. Server actions queue behind each
 * other anyway, and a long diff scrolled through quickly would otherwise queue dozens of files
 * that are off screen again by the time their turn comes (a job for such a file does nothing).
 */
const jobs: Job[] = [];
let busy = false;

function enqueue(job: Job) {
  if (job.urgent) jobs.unshift(job);
  else jobs.push(job);
  void pump();
}

/** A file queued for being near that the reader now asks for: to the front. */
function promote(run: Job["run"]) {
  const at = jobs.findIndex((job) => job.run === run);
  if (at > 0) jobs.unshift(...jobs.splice(at, 1).map((job) => ({ ...job, urgent: true })));
}

async function pump() {
  if (busy) return;
  const job = jobs.shift();
  if (!job) return;
  busy = true;
  try {
    await job.run();
  } finally {
    busy = false;
    void pump();
  }
}

/**
 * A file of a diff whose rows are not in the page yet: its header (`summary`, rendered by the
 * server) in a closed `<details>`. Opening it (click, Enter or Space on the header), scrolling
 * near it when `onScroll`, or following a link to it or into it (its id, a line of it, one of
 * `targets`) fetches its rows with `load`; a failure says so, with a button to try again. A
 * comment posted on one of its lines loads its rows again, with the new thread.
 */
export function LazyDiffFile({
  id,
  index,
  mode,
  load,
  onScroll,
  targets,
  summary,
}: {
  id: string;
  index: number;
  mode: "unified" | "split";
  load: LoadDiffFile;
  /** Load when scrolled near (small files); big ones wait for a click. */
  onScroll: boolean;
  /** Element ids inside the file that links may point to (its comments). */
  targets: readonly string[];
  summary: ReactNode;
}) {
  const [state, setState] = useState<State>({ status: "idle" });
  const [open, setOpen] = useState(false);
  const details = useRef<HTMLDetailsElement>(null);
  const started = useRef(false);
  const pendingTarget = useRef("");

  const observer = useRef<IntersectionObserver | null>(null);
  const queued = useRef<Job["run"] | null>(null);

  /** Queues the load; a job for a file merely scrolled near does nothing once it is not. */
  const fetchBody = useCallback(
    (urgent: boolean) => {
      if (started.current) {
        if (urgent && queued.current) promote(queued.current);
        return;
      }
      started.current = true;
      const run = async () => {
        queued.current = null;
        const element = details.current;
        if (!urgent && element && !element.open && !isNear(element)) {
          // Files loaded above it pushed it away. Observing it anew reports where it is now,
          // so it is queued again if it is back in view.
          started.current = false;
          observer.current?.unobserve(element);
          observer.current?.observe(element);
          return;
        }
        setOpen(true);
        // A reload (after a comment was posted) keeps the rows shown until the new ones come.
        setState((shown) => (shown.status === "loaded" ? shown : { status: "loading" }));
        const result = await load(index, mode).catch((): LoadedDiffFile => ({
          ok: false,
          message: "The server did not answer. Check your connection and try again.",
        }));
        setState(
          result.ok
            ? { status: "loaded", body: result.body }
            : { status: "failed", message: result.message },
        );
      };
      queued.current = run;
      enqueue({ urgent, run });
    },
    [load, index, mode],
  );

  const retry = () => {
    started.current = false;
    fetchBody(true);
  };

  useEffect(() => {
    const element = details.current;
    if (!onScroll || !element) return;
    const watch = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) fetchBody(false);
      },
      { rootMargin: `${AHEAD}px 0px` },
    );
    observer.current = watch;
    watch.observe(element);
    return () => watch.disconnect();
  }, [onScroll, fetchBody]);

  // The page's refresh after a comment does not reach rows loaded here: load them again.
  useEffect(() => {
    const element = details.current;
    if (!element) return;
    const reload = () => {
      started.current = false;
      fetchBody(true);
    };
    element.addEventListener(COMMENT_POSTED_EVENT, reload);
    return () => element.removeEventListener(COMMENT_POSTED_EVENT, reload);
  }, [fetchBody]);

  useEffect(() => {
    const follow = () => {
      const hash = currentHash();
      if (hash !== id && !hash.startsWith(`${id}-`) && !targets.includes(hash)) return;
      setOpen(true);
      if (!revealTarget(hash)) pendingTarget.current = hash;
      fetchBody(true);
    };
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [id, targets, fetchBody]);

  useEffect(() => {
    if (state.status !== "loaded" || !pendingTarget.current) return;
    revealTarget(pendingTarget.current);
    pendingTarget.current = "";
  }, [state]);

  return (
    <details
      ref={details}
      id={id}
      open={open}
      onToggle={(event) => {
        const nowOpen = event.currentTarget.open;
        setOpen(nowOpen);
        if (nowOpen) fetchBody(true);
      }}
      className="diff-file overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-lazy={state.status}
    >
      {summary}
      {/* Focusable: a reader without comment buttons scrolls wide lines with the keyboard. */}
      <div
        tabIndex={0}
        className="diff-body overflow-x-auto border-t border-zinc-200 dark:border-zinc-800"
      >
        {state.status === "loaded" ? (
          state.body
        ) : state.status === "failed" ? (
          <div role="alert" className="space-y-2 px-3 py-2 text-sm text-red-800 dark:text-red-300">
            <p>This file could not be loaded: {state.message}</p>
            <button
              type="button"
              onClick={retry}
              className="rounded-md border border-zinc-300 px-2 py-0.5 text-zinc-900 dark:border-zinc-700 dark:text-zinc-100"
            >
              Try again
            </button>
          </div>
        ) : (
          <p role="status" className="px-3 py-2 text-sm text-zinc-600 dark:text-zinc-400">
            Loading the file’s changes…
          </p>
        )}
      </div>
    </details>
  );
}
