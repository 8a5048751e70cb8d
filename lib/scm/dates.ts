/**
 * Commit dates are ISO 8601 strings in the author's own UTC offset, so that a changeset read
 * from one SCM and written to another keeps both the instant and the time zone.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const RFC_2822 =
  /^(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|UT|GMT|Z)?\b/;

export interface Instant {
  /** Unix time. */
  readonly seconds: number;
  /** Minutes east of UTC (+60 for `+0100`). */
  readonly offsetMinutes: number;
}

export function isoDate({ seconds, offsetMinutes }: Instant): string {
  const local = new Date((seconds + offsetMinutes * 60) * 1000).toISOString().slice(0, 19);
  return local + (offsetMinutes === 0 ? "Z" : offsetText(offsetMinutes, ":"));
}

export function parseIsoDate(iso: string): Instant | undefined {
  const match = ISO.exec(iso);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const offsetMinutes = match[7] === "Z" ? 0 : zoneMinutes(match[7]!.replace(":", ""));
  const utc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) / 1000;
  return { seconds: utc - offsetMinutes * 60, offsetMinutes };
}

/** `Thu, 1 Jan 2026 00:00:00 +0100` (a mail `Date:` header) as ISO 8601. */
export function isoOfMailDate(text: string): string | undefined {
  const match = RFC_2822.exec(text.trim());
  const month = match
    ? MONTHS.findIndex((name) => name.toLowerCase() === match[2]!.toLowerCase())
    : -1;
  if (!match || month < 0) return undefined;
  const zone = match[7];
  const offsetMinutes = zone === undefined || !/^[+-]/.test(zone) ? 0 : zoneMinutes(zone);
  const utc =
    Date.UTC(
      Number(match[3]),
      month,
      Number(match[1]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
    ) / 1000;
  return isoDate({ seconds: utc - offsetMinutes * 60, offsetMinutes });
}

export function mailDateOfIso(iso: string): string | undefined {
  const instant = parseIsoDate(iso);
  if (!instant) return undefined;
  const local = new Date((instant.seconds + instant.offsetMinutes * 60) * 1000);
  const time = local.toISOString().slice(11, 19);
  return `${DAYS[local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()} ${time} ${offsetText(instant.offsetMinutes, "")}`;
}

function zoneMinutes(zone: string): number {
  const sign = zone.startsWith("-") ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
}

function offsetText(offsetMinutes: number, separator: string): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const minutes = Math.abs(offsetMinutes);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${sign}${pad(Math.floor(minutes / 60))}${separator}${pad(minutes % 60)}`;
}
