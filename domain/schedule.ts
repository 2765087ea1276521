/**
 * Times in the community's time zone: quiet hours, and the times workers type
 * ("18:00", "明天 8:00", "2026-11-23 08:00"). Pure; `now` is passed in.
 */

export interface LocalTime {
  hour: number;
  minute: number;
}

export function parseClock(raw: string): LocalTime | undefined {
  const m = /^(\d{1,2})[:：.](\d{2})$/.exec(raw.normalize("NFKC").trim());
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** One formatter per time zone: building one costs far more than using it. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** The wall-clock parts of `date` in `timeZone`. */
export function zonedParts(date: Date, timeZone: string) {
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The local date of `at` in `timeZone`: "2026-11-22". */
export function localDate(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The instant when the wall clock in `timeZone` shows this date and time. */
export function zonedTime(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
): Date {
  // Start from the same wall time read as UTC, then correct by the zone's
  // offset at that instant (twice, in case the offset changed in between).
  let guess = Date.UTC(year, month - 1, day, hour, minute);
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += Date.UTC(year, month - 1, day, hour, minute) - shown;
  }
  return new Date(guess);
}

/** The local date `days` after the local date of `now`. */
function localDay(now: Date, timeZone: string, days: number) {
  const p = zonedParts(now, timeZone);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export type WhenParse = { ok: true; at: Date } | { ok: false; error: "format" | "past" };

/**
 * "18:00" (today), "明天 8:00" / "tomorrow 8:00", "2026-11-23 08:00". A time
 * that has already passed is refused rather than moved to tomorrow, so the
 * worker is never surprised.
 */
export function parseWhen(raw: string, now: Date, timeZone: string): WhenParse {
  const text = raw.normalize("NFKC").trim().toLowerCase();
  let day = localDay(now, timeZone, 0);
  let clockText = text;
  const tomorrow = /^(明天|明日|tomorrow)\s*(.*)$/.exec(text);
  const dated = /^(\d{4})-(\d{1,2})-(\d{1,2})\s+(.*)$/.exec(text);
  if (tomorrow) {
    day = localDay(now, timeZone, 1);
    clockText = tomorrow[2] as string;
  } else if (dated) {
    day = { year: Number(dated[1]), month: Number(dated[2]), day: Number(dated[3]) };
    clockText = dated[4] as string;
    if (day.month < 1 || day.month > 12 || day.day < 1 || day.day > 31)
      return { ok: false, error: "format" };
  }
  const clock = parseClock(clockText);
  if (!clock) return { ok: false, error: "format" };
  const at = zonedTime(timeZone, day.year, day.month, day.day, clock.hour, clock.minute);
  if (at.getTime() <= now.getTime()) return { ok: false, error: "past" };
  return { ok: true, at };
}

/** "22:00-07:00" → start and end. */
export function parseQuietHours(raw: string): { start: LocalTime; end: LocalTime } {
  const [a, b] = raw.split("-");
  const start = parseClock(a ?? "");
  const end = parseClock(b ?? "");
  if (!start || !end) throw new Error(`bad quiet hours: ${raw}`);
  return { start, end };
}

/**
 * When a normal message due at `at` may go out: `at` itself, or the end of
 * the quiet hours it falls into (the next morning).
 */
export function afterQuietHours(at: Date, quietHours: string, timeZone: string): Date {
  const { start, end } = parseQuietHours(quietHours);
  const p = zonedParts(at, timeZone);
  const minutes = p.hour * 60 + p.minute;
  const s = start.hour * 60 + start.minute;
  const e = end.hour * 60 + end.minute;
  const wraps = s > e; // 22:00-07:00 crosses midnight
  const inQuiet = wraps ? minutes >= s || minutes < e : minutes >= s && minutes < e;
  if (!inQuiet || s === e) return at;
  const endsTomorrow = wraps && minutes >= s;
  const day = localDay(at, timeZone, endsTomorrow ? 1 : 0);
  return zonedTime(timeZone, day.year, day.month, day.day, end.hour, end.minute);
}
