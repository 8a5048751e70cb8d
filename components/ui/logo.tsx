/** Pubforge's mark: two branches meeting, the thing a forge exists for. Same drawing as app/icon.svg. */
export function Logo({ className = "h-6 w-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden focusable="false">
      <rect width="32" height="32" rx="7" className="fill-accent-600 dark:fill-accent-500" />
      <g fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round">
        <path d="M11 9v14" />
        <path d="M21 11.5c0 6.5-10 4.5-10 11" />
      </g>
      <g fill="#fff">
        <circle cx="11" cy="8.5" r="2.8" />
        <circle cx="21" cy="9.5" r="2.8" />
        <circle cx="11" cy="23.5" r="2.8" />
      </g>
    </svg>
  );
}
