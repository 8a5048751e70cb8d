/** A selection of lines in a file view, as the address's hash spells it (`#L10`, `#L10-L20`). */
export interface LineRange {
  readonly from: number;
  readonly to: number;
}

/** `#L10` or `#L10-L20` (either order) as the lines it names; anything else names none. */
export function parseLineHash(hash: string): LineRange | undefined {
  const match = /^#L(\d{1,7})(?:-L(\d{1,7}))?$/.exec(hash);
  if (!match) return undefined;
  const [a, b] = [Number(match[1]), Number(match[2] ?? match[1])];
  return a > 0 && b > 0 ? { from: Math.min(a, b), to: Math.max(a, b) } : undefined;
}

export function lineHash({ from, to }: LineRange): string {
  return from === to ? `#L${from}` : `#L${from}-L${to}`;
}

/** What a click (or Enter) on `line` selects: the line, or with Shift the range from `anchor`. */
export function selectLine(line: number, anchor: number | undefined, extend: boolean): LineRange {
  return extend && anchor !== undefined
    ? { from: Math.min(anchor, line), to: Math.max(anchor, line) }
    : { from: line, to: line };
}
