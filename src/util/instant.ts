const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO 8601 date (meaning 00:00 UTC) or a date-time with an explicit offset.
 * Returns undefined for anything else, including impossible calendar dates such as 2024-02-30,
 * which `Date` would otherwise roll over silently.
 */
export function parseInstant(text: string): Date | undefined {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    return calendarDateIsReal(dateOnly[1], dateOnly[2], dateOnly[3]) ? new Date(`${text}T00:00:00Z`) : undefined;
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) return undefined;
  const [, y, mo, d, h, mi, s] = dateTime;
  if (!calendarDateIsReal(y, mo, d) || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
}

function calendarDateIsReal(year: string, month: string, day: string): boolean {
  const probe = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return probe.getUTCFullYear() === Number(year) && probe.getUTCMonth() === Number(month) - 1 && probe.getUTCDate() === Number(day);
}

export const INSTANT_FORMAT_HINT = 'an ISO 8601 date such as "2024-07-20" (00:00 UTC) or a date-time with offset such as "2024-09-29T00:00:00-04:00"';

/** Renders an instant for messages: the date alone at 00:00 UTC, otherwise the full UTC time. */
export function formatInstant(instant: Date): string {
  const iso = instant.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

const DAY_MS = 86_400_000;

export function addDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
