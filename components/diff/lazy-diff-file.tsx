"use client";

import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { currentHash, revealTarget } from "./line-target";

/** A file's body as the server rendered it, or why it could not. */
export type LoadedDiffFile = { ok: true; body: ReactNode } | { ok: false; message: string };

/** Fetches the body of file `index` of the diff (a server action, its diff bound in). */
export type LoadDiffFile = (index: number, mode: "unified" | "split") => Promise<LoadedDiffFile>;

type State =
  | { status: "idle" | "loading" }
  | { status: "loaded"; body: ReactNode }
  | { status: "failed"; message: string };

/** How far below the screen a file starts loading, so it is there when scrolled to. */
const AHEAD = "800px 0px";

/**
 * A file of a diff whose rows are not in the page yet: its header (`summary`, rendered by the
 * server) in a closed `<details>`. Opening it (click, Enter or Space on the header), scrolling
 * near it when `onScroll`, or following a link to it or into it (its id, a line of it, one of
 * `targets`) fetches its rows with `load`; a failure says so, with a button to try again.
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

  const fetchBody = useCallback(() => {
    if (started.current) return;
    started.current = true;
    setState({ status: "loading" });
    load(index, mode).then(
      (result) =>
        setState(
          result.ok
            ? { status: "loaded", body: result.body }
            : { status: "failed", message: result.message },
        ),
      () =>
        setState({
          status: "failed",
          message: "The server did not answer. Check your connection and try again.",
        }),
    );
  }, [load, index, mode]);

  const retry = () => {
    started.current = false;
    fetchBody();
  };

  useEffect(() => {
    const element = details.current;
    if (!onScroll || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        setOpen(true);
        fetchBody();
      },
      { rootMargin: AHEAD },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [onScroll, fetchBody]);

  useEffect(() => {
    const follow = () => {
      const hash = currentHash();
      if (hash !== id && !hash.startsWith(`${id}-`) && !targets.includes(hash)) return;
      setOpen(true);
      if (!revealTarget(hash)) pendingTarget.current = hash;
      fetchBody();
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
        if (nowOpen) fetchBody();
      }}
      className="diff-file overflow-hidden rounded-lg border border-zinc-200 dark:border-zinc-800"
      data-lazy={state.status}
    >
      {summary}
      <div className="diff-body overflow-x-auto border-t border-zinc-200 dark:border-zinc-800">
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
            {state.status === "loading" ? "Loading the file’s changes…" : null}
          </p>
        )}
      </div>
    </details>
  );
}
