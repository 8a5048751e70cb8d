"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  codeBranchesPath,
  codeComparePath,
  codeLogPath,
  codePath,
  codeTagsPath,
} from "@/lib/forge/routes";

/** The code browser's own sections; the one shown is marked as the current page. */
export function CodeNav({ base, rev }: { base: string; rev: string }) {
  const path = usePathname();
  const code = codePath(base);
  const sections = [
    {
      label: "Files",
      href: code,
      current: (p: string) => p === code || /\/code\/(tree|blob|blame)\//.test(p),
    },
    {
      label: "Commits",
      href: codeLogPath(base, rev),
      current: (p: string) => /\/code\/(commits|commit)\//.test(p),
    },
    {
      label: "Branches",
      href: codeBranchesPath(base),
      current: (p: string) => p.endsWith("/code/branches"),
    },
    { label: "Tags", href: codeTagsPath(base), current: (p: string) => p.endsWith("/code/tags") },
    {
      label: "Compare",
      href: codeComparePath(base),
      current: (p: string) => p.includes("/code/compare"),
    },
  ];
  return (
    <nav aria-label="Code" className="flex flex-wrap gap-1 text-sm">
      {sections.map((section) => {
        const current = section.current(path);
        return (
          <Link
            key={section.label}
            href={section.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-2.5 py-1 font-medium ${
              current
                ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
            }`}
          >
            {section.label}
          </Link>
        );
      })}
    </nav>
  );
}
