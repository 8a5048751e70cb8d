/**
 * One EventSource per browser tab for everything live on the page: the project's changes (for
 * LiveRefresh) and the viewer's session state (for the header). Browsers allow only ~6 open
 * HTTP/1.1 connections per origin across all tabs, so a second stream per tab would leave a
 * few tabs with no live updates at all.
 */
import { Backoff, type BackoffPolicy } from "@/lib/xmpp/backoff";

export interface EventSourceLike {
  onopen: ((event: Event) => unknown) | null;
  onerror: ((event: Event) => unknown) | null;
  /** 2 (CLOSED) once the browser gave up on it: an answer that was not a stream (429, 404). */
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface ProjectWatcher {
  onChange: (data: string) => void;
  /** True while the open stream carries this project's changes. */
  onLive: (live: boolean) => void;
}

interface SessionWatcher {
  key: string;
  onSession: (data: string) => void;
}

const CLOSED = 2;

/**
 * An EventSource reconnects by itself after a dropped connection, but not after a refusal
 * (too many streams: 429) or any other answer than a stream: then this one tries again,
 * later and later, rather than never or all at once.
 */
export const REOPEN_BACKOFF: BackoffPolicy = {
  initialMs: 10_000,
  maxMs: 300_000,
  factor: 2,
  jitter: 0.5,
};

/** Runs `task` after `ms`; returns how to cancel it. */
export type Wait = (task: () => void, ms: number) => () => void;

export class EventStream {
  private readonly projects = new Map<string, Set<ProjectWatcher>>();
  private readonly sessions = new Set<SessionWatcher>();
  private readonly inboxes = new Set<(data: string) => void>();
  private source: EventSourceLike | undefined;
  private url: string | undefined;
  private project: string | undefined;
  private live = false;
  private scheduled = false;
  private cancelReopen: (() => void) | undefined;

  constructor(
    private readonly open: (url: string) => EventSourceLike,
    // Components mount and unmount in batches (a navigation): settle the URL once per batch.
    private readonly defer: (task: () => void) => void = (task) => queueMicrotask(task),
    private readonly wait: Wait = (task, ms) => {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    private readonly backoff = new Backoff(REOPEN_BACKOFF),
  ) {}

  watchProject(projectId: string, watcher: ProjectWatcher): () => void {
    let watchers = this.projects.get(projectId);
    if (!watchers) {
      watchers = new Set();
      this.projects.set(projectId, watchers);
    }
    watchers.add(watcher);
    watcher.onLive(this.live && this.project === projectId);
    this.schedule();
    return () => {
      watchers.delete(watcher);
      if (watchers.size === 0 && this.projects.get(projectId) === watchers) {
        this.projects.delete(projectId);
      }
      this.schedule();
    };
  }

  /**
   * `key` names the viewer's server-side session (not secretly): a new sign-in brings a new
   * key, hence a new stream bound to the new session.
   */
  watchSession(key: string, onSession: (data: string) => void): () => void {
    const watcher = { key, onSession };
    this.sessions.add(watcher);
    this.schedule();
    return () => {
      this.sessions.delete(watcher);
      this.schedule();
    };
  }

  /**
   * The viewer's unread count (`inbox` events). It rides on the session's stream: no stream of
   * its own, and no change to the URL.
   */
  watchInbox(onInbox: (data: string) => void): () => void {
    this.inboxes.add(onInbox);
    return () => {
      this.inboxes.delete(onInbox);
    };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => {
      this.scheduled = false;
      this.sync();
    });
  }

  private wantedUrl(): { url: string; project?: string } | undefined {
    // The latest project watched wins; pages watch one project at a time.
    const project = [...this.projects.keys()].at(-1);
    const session = [...this.sessions].at(-1);
    if (project === undefined && session === undefined) return undefined;
    const params = new URLSearchParams();
    if (project !== undefined) params.set("project", project);
    if (session !== undefined) params.set("session", session.key);
    return { url: `/events?${params}`, project };
  }

  private sync(): void {
    const wanted = this.wantedUrl();
    if (wanted?.url === this.url) return;
    this.closeSource();
    if (!wanted) return;
    const source = this.open(wanted.url);
    this.source = source;
    this.url = wanted.url;
    this.project = wanted.project;
    source.onopen = () => {
      if (source === this.source) this.backoff.reset();
      this.setLive(source, true);
    };
    source.onerror = () => {
      this.setLive(source, false);
      if (source === this.source && source.readyState === CLOSED) this.reopenLater();
    };
    source.addEventListener("change", (event) => {
      if (source !== this.source || this.project === undefined) return;
      for (const watcher of this.projects.get(this.project) ?? []) watcher.onChange(event.data);
    });
    source.addEventListener("session", (event) => {
      if (source !== this.source) return;
      for (const watcher of this.sessions) watcher.onSession(event.data);
    });
    source.addEventListener("inbox", (event) => {
      if (source !== this.source) return;
      for (const onInbox of this.inboxes) onInbox(event.data);
    });
  }

  /** Keeps the closed source (so the same URL is not reopened now) until the delay is over. */
  private reopenLater(): void {
    this.cancelReopen?.();
    this.cancelReopen = this.wait(() => {
      this.cancelReopen = undefined;
      this.closeSource();
      this.sync();
    }, this.backoff.next());
  }

  private closeSource(): void {
    this.cancelReopen?.();
    this.cancelReopen = undefined;
    if (!this.source) return;
    this.source.close();
    this.setLive(this.source, false);
    this.source = undefined;
    this.url = undefined;
    this.project = undefined;
  }

  private setLive(source: EventSourceLike, live: boolean): void {
    if (source !== this.source) return;
    this.live = live;
    if (this.project === undefined) return;
    for (const watcher of this.projects.get(this.project) ?? []) watcher.onLive(live);
  }
}

let shared: EventStream | undefined;

/** The tab's stream (browser only). */
export function eventStream(): EventStream {
  shared ??= new EventStream((url) => new EventSource(url));
  return shared;
}
