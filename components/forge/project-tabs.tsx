"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  codePath,
  decodeSegment,
  mergeRequestsPath,
  moderationPath,
  settingsPath,
  ticketsPath,
  wikiPath,
} from "@/lib/forge/routes";

const TABS = [
  { path: (base: string) => base, label: "Overview" },
  { path: codePath, label: "Code" },
  { path: ticketsPath, label: "Tickets" },
  { path: mergeRequestsPath, label: "Merge requests" },
  { path: wikiPath, label: "Wiki" },
];

/** Shown to the project's maintainers only. */
const MAINTAINER_TABS = [
  { path: moderationPath, label: "Moderation" },
  { path: settingsPath, label: "Settings" },
];

export function ProjectTabs({ base, moderator = false }: { base: string; moderator?: boolean }) {
  const pathname = usePathname();
  // A malformed escape (a hand-typed code URL) must not break the tabs.
  const path = decodeSegment(pathname) ?? pathname;
  return (
    <nav aria-label="Project" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {(moderator ? [...TABS, ...MAINTAINER_TABS] : TABS).map((tab) => {
        const href = tab.path(base);
        const current = href === base ? path === base : path.startsWith(href);
        return (
          <Link
            key={tab.label}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              current
                ? "border-accent-600 text-zinc-900 dark:text-zinc-100"
                : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
            }`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
