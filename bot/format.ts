/**
 * Times, dates and names as people read them. Times are shown on the
 * community's clock (the configured time zone), whatever the server's.
 */
import { cleanName } from "../domain/text.js";

type When = Date | string;

/** Formatters are costly to build (a fraction of a millisecond each): one per kind and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formatters.get(key);
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

function parts(at: When, timeZone: string, withSeconds: boolean): string {
  return formatter(
    `clock ${withSeconds} ${timeZone}`,
    () =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
        ...(withSeconds ? { second: "2-digit" } : {}),
        hourCycle: "h23",
      }),
  ).format(new Date(at));
}

/** "09:05". */
export function clockTime(at: When, timeZone: string): string {
  return parts(at, timeZone, false);
}

/** "09:05:07" (timelines). */
export function clockSeconds(at: When, timeZone: string): string {
  return parts(at, timeZone, true);
}

/** "2026-11-22 09:05". */
export function dateTime(at: When, timeZone: string): string {
  return formatter(
    `date ${timeZone}`,
    () =>
      new Intl.DateTimeFormat("sv-SE", {
        timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }),
  ).format(new Date(at));
}

/** What a person is called when shown to others. */
export interface Named {
  displayName: string | null;
  firstName: string | null;
  username: string | null;
}

/**
 * How staff see a person: the name they gave at registration, else
 * Telegram's first name, else @username, else `fallback` (usually their id;
 * "?" when there is nothing at all).
 */
export function personName(
  person: Named | null | undefined,
  fallback: string | number | null | undefined,
): string {
  // Telegram's first name is whatever they typed: invisible and right-to-left characters go.
  const first = person?.firstName ? cleanName(person.firstName) : "";
  return (
    person?.displayName ??
    (first !== "" ? first : undefined) ??
    (person?.username ? `@${person.username}` : fallback == null ? "?" : String(fallback))
  );
}

/**
 * Whether a chat id is a group's (or a channel's): Telegram gives groups
 * negative ids and people positive ones. What goes to a group must be safe
 * for everyone in it.
 */
export function isGroupChat(chatId: number): boolean {
  return chatId < 0;
}
