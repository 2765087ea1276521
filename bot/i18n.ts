/** Fluent translations from locales/: zh-CN by default, English complete. */
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { BaseContext } from "./context.js";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** One text in each language the bot speaks, by language. */
export function inEveryLanguage(write: (locale: Locale) => string): Record<Locale, string> {
  return Object.fromEntries(LOCALES.map((locale) => [locale, write(locale)])) as Record<
    Locale,
    string
  >;
}

/** Telegram's language_code ("zh-hans", "en-US"...) to one of ours. */
export function matchLocale(code: string | undefined | null): Locale | undefined {
  if (!code) return undefined;
  const lower = code.toLowerCase();
  if (lower.startsWith("zh")) return "zh-CN";
  if (lower.startsWith("en")) return "en";
  return undefined;
}

/** The locale to write to someone in: the language they chose or Telegram's, else the default. */
export function localeOf(
  deps: { config: { defaultLocale: Locale } },
  language: string | null | undefined,
): Locale {
  return matchLocale(language) ?? deps.config.defaultLocale;
}

/** The same for a stored person (their choice first, then Telegram's language_code). */
export function localeFor(
  deps: { config: { defaultLocale: Locale } },
  person: { language: string | null; telegramLanguage: string | null } | null | undefined,
): Locale {
  return localeOf(deps, person?.language ?? person?.telegramLanguage);
}

export function createI18n(defaultLocale: Locale): I18n<BaseContext> {
  return new I18n<BaseContext>({
    defaultLocale,
    directory: fileURLToPath(new URL("../locales", import.meta.url)),
    // Without this, Fluent wraps every variable in invisible isolation marks.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) =>
      matchLocale(ctx.actor?.person.language) ??
      matchLocale(ctx.from?.language_code) ??
      defaultLocale,
  });
}
