/**
 * An urgent item's one line. Written by the bot (a fever, a welfare check, a
 * request's headline), it is stored in every language and each coordinator
 * reads it in theirs; a person's own words (an SOS, a page) are one string,
 * shown as they were typed.
 */
import type { Locale } from "../../bot/i18n.js";

export type Summary = string | Readonly<Partial<Record<Locale, string>>>;

/** How a summary in every language starts in the table. */
const MARK = '{"byLocale":';

/** The column's text: a person's words as they are, the bot's as JSON by language. */
export function storedSummary(summary: Summary): string {
  return typeof summary === "string" ? summary : JSON.stringify({ byLocale: summary });
}

/** The summary in `locale` (or in the first language it has); words as typed, as they are. */
export function summaryIn(stored: string, locale: string): string {
  if (!stored.startsWith(MARK)) return stored;
  try {
    const byLocale = (JSON.parse(stored) as { byLocale: Record<string, string> }).byLocale;
    return byLocale[locale] ?? Object.values(byLocale)[0] ?? "";
  } catch {
    return stored;
  }
}
