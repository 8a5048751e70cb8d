"use client";

import { useEffect } from "react";
import { currentHash, revealTarget } from "./line-target";

/** Follows links to diff lines (`#diff-file-0-new12`), which no element id answers. */
export function DiffTargets() {
  useEffect(() => {
    const follow = () => revealTarget(currentHash());
    follow();
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  return null;
}
