/**
 * What escalation messages look like: the page (what, who, room, phone, how
 * long ago, with I'm on it / Can't take it; in a group only the kind, the
 * unit and how long ago), its "taken by" edit, the details for whoever took
 * it from a group, what the resident and the admins are told, and the timeline. Texts come from
 * locales/<lang>/escalation.ftl, in the reader's language.
 */
import { InlineKeyboard, Keyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BaseContext, BotDeps } from "../../bot/context.js";
import { clockTime, isGroupChat } from "../../bot/format.js";
import { replyKey } from "../../bot/keys.js";
import { unitOfAddress } from "../../domain/address.js";
import { minutesBetween } from "../../domain/escalation.js";
import type { Escalation } from "../../storage/escalations.js";
import { summaryIn } from "./summary.js";

/** Escalation's buttons, each defined once as typed callback data. */
export const escalationButtons = {
  /** I'm on it. */
  ack: button("esc:ack", { id: "int" }),
  /** Can't take it. */
  decline: button("esc:no", { id: "int" }),
  /** Cancel under the SOS question. */
  sosCancel: button("esc:sos:cancel"),
};

/** "3 min 20 s" style, from seconds. */
export function duration(deps: BotDeps, locale: string, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  if (minutes === 0) return deps.i18n.t(locale, "esc-seconds", { seconds: rest });
  return deps.i18n.t(locale, "esc-minutes-seconds", { minutes, seconds: rest });
}

function ago(deps: BotDeps, locale: string, from: Date, to: Date): string {
  const minutes = minutesBetween(from, to);
  return minutes === 0
    ? deps.i18n.t(locale, "esc-ago-now")
    : deps.i18n.t(locale, "esc-ago-minutes", { minutes });
}

export function kindName(deps: BotDeps, locale: string, kind: string): string {
  return deps.i18n.t(locale, `esc-kind-${kind}`);
}

/**
 * The body of a page as sent at `pagedAt` (the edit repeats it, so it reads
 * the same). In a group (the staff group) it says only what kind of item it
 * is, the unit and how long ago: no name, room, phone, temperature or the
 * resident's words. Whoever takes it gets those privately.
 */
export function pageBody(
  deps: BotDeps,
  locale: string,
  esc: Escalation,
  step: number,
  round: number,
  pagedAt: Date,
  inGroup = false,
): string {
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  const lines = [
    t("esc-page-title", { kind: kindName(deps, locale, esc.kind), id: String(esc.id) }),
    t(`esc-page-step-${step}`, { round }),
    ...(inGroup
      ? [t("esc-page-unit", { unit: unitOfAddress(esc.address) ?? t("esc-no-address") })]
      : itemFacts(t, locale, esc)),
  ];
  lines.push(
    t("esc-page-when", {
      time: clockTime(esc.createdAt, deps.config.timezone),
      ago: ago(deps, locale, new Date(esc.createdAt), pagedAt),
    }),
  );
  if (inGroup) lines.push(t("esc-page-details-private"));
  return lines.join("\n");
}

export function pageKeyboard(deps: BotDeps, locale: string, id: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(deps.i18n.t(locale, "esc-btn-ack"), escalationButtons.ack.data({ id }))
    .text(deps.i18n.t(locale, "esc-btn-decline"), escalationButtons.decline.data({ id }));
}

/** A page to a person (with the details) or to a group (without: see `pageBody`). */
export function pagePayload(
  deps: BotDeps,
  locale: string,
  esc: Escalation,
  step: number,
  round: number,
  pagedAt: Date,
  chatId: number,
): Record<string, unknown> {
  return {
    text: pageBody(deps, locale, esc, step, round, pagedAt, isGroupChat(chatId)),
    reply_markup: pageKeyboard(deps, locale, esc.id),
  };
}

/** The page, edited once someone took the item: the same text, "taken by", no buttons. */
export function takenPayload(
  deps: BotDeps,
  locale: string,
  esc: Escalation,
  page: { step: number; round: number; pagedAt: string; messageId: number; chatId: number },
  takerName: string,
): Record<string, unknown> {
  const body = pageBody(
    deps,
    locale,
    esc,
    page.step,
    page.round,
    new Date(page.pagedAt),
    isGroupChat(page.chatId),
  );
  const at = esc.acknowledgedAt ?? esc.createdAt;
  const taken = deps.i18n.t(locale, "esc-taken-by", {
    name: takerName,
    time: clockTime(at, deps.config.timezone),
    after: duration(deps, locale, (Date.parse(at) - Date.parse(esc.createdAt)) / 1000),
  });
  return {
    message_id: page.messageId,
    text: `${body}\n\n${taken}`,
    reply_markup: { inline_keyboard: [] },
  };
}

/** What whoever took an item from a group page gets privately: the whole item. */
export function detailsPayload(deps: BotDeps, locale: string, esc: Escalation) {
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  return {
    text: [
      t("esc-details-title", { kind: kindName(deps, locale, esc.kind), id: String(esc.id) }),
      ...itemFacts(t, locale, esc),
      t("esc-page-when", {
        time: clockTime(esc.createdAt, deps.config.timezone),
        ago: ago(deps, locale, new Date(esc.createdAt), deps.clock.now()),
      }),
    ].join("\n"),
  };
}

/** The resident's 🆘 key: its label starts with 🆘 in every language. */
export const SOS_KEY = replyKey("esc-sos-button", "🆘");

/** The resident's persistent SOS key (a reply keyboard, so it stays under the chat). */
export function sosKeyboard(ctx: BaseContext): Keyboard {
  return new Keyboard().text(SOS_KEY.label(ctx)).resized().persistent();
}

/** What an item is about, as a page and its timeline both show it: what, who, room, phone. */
export function itemFacts(
  t: (key: string, vars?: Record<string, string | number>) => string,
  locale: string,
  esc: Pick<Escalation, "summary" | "personLabel" | "unregistered" | "address" | "phone">,
): string[] {
  // An item whose person used /forget keeps no words of theirs.
  const summary = esc.summary === "" ? t("esc-forgotten") : summaryIn(esc.summary, locale);
  const lines = [t("esc-page-what", { summary })];
  if (esc.personLabel) lines.push(t("esc-page-who", { who: esc.personLabel }));
  if (esc.unregistered) lines.push(t("esc-page-unregistered"));
  lines.push(
    t("esc-page-room", { address: esc.address ?? t("esc-no-address") }),
    t("esc-page-phone", { phone: esc.phone ?? t("esc-no-phone") }),
  );
  return lines;
}
