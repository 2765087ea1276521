/**
 * Everything a notice looks like to people: the message a resident receives
 * (unit tag, text with its formatting, buttons), the pointer in a building
 * group, the short update when a notice is superseded, the reminder, the
 * live report and its CSV. Texts come from locales/ in the reader's language.
 */
import { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { dateTime } from "../../bot/format.js";
import { formatUnit } from "../../domain/address.js";
import {
  computeNoticeReport,
  csvLine,
  type DeliveryFacts,
  deliveryState,
  type NoticeReport,
} from "../../domain/notice-report.js";
import { splitMessage } from "../../domain/text.js";
import type { DeliveryView, Notice } from "../../storage/notices.js";

/** The longest text a notice may have: Telegram's 4,096 less room for the unit tag. */
export const NOTICE_MAX = 4000;

/** What the composer's buttons choose: add a version or not, urgency, when, and the preview's actions. */
export const COMPOSE_CHOICES = [
  "more",
  "nomore",
  "normal",
  "urgent",
  "now",
  "later",
  "send",
  "cancel",
  "text",
  "target",
  "versions",
  "urgency",
  "when",
] as const;
export type ComposeChoice = (typeof COMPOSE_CHOICES)[number];

/** The notices' buttons, each defined once as typed callback data. */
export const noticeButtons = {
  /** The resident's "Got it". */
  ok: button("nt:ok", { id: "int" }),
  /** The resident's "I have a question". */
  question: button("nt:q", { id: "int" }),
  /** The report's Remind and CSV. */
  remind: button("nt:remind", { id: "int" }),
  csv: button("nt:csv", { id: "int" }),
  /** The preview's copies of the resident's buttons, which do nothing. */
  preview: button("nt:preview"),
  /** The composer's choices. */
  compose: button("nt:c", { choice: COMPOSE_CHOICES }),
};

/** One composer button. */
export function composeButton(label: string, choice: ComposeChoice): [string, string] {
  return [label, noticeButtons.compose.data({ choice })];
}

/** The resident's two buttons (noticeId null: the preview's, which do nothing). */
export function residentButtons(deps: BotDeps, locale: string, noticeId: number | null) {
  const t = (key: string) => deps.i18n.t(locale, key);
  const preview = noticeButtons.preview.data({});
  return new InlineKeyboard()
    .text(t("notice-got-it"), noticeId === null ? preview : noticeButtons.ok.data({ id: noticeId }))
    .text(
      t("notice-ask"),
      noticeId === null ? preview : noticeButtons.question.data({ id: noticeId }),
    );
}

/** 【3-2-501】 then the text; the formatting is shifted past the tag. */
export function taggedText(address: string, text: string, entities: MessageEntity[] | null) {
  const tag = `【${address}】\n`;
  return {
    text: tag + text,
    entities: entities?.map((e) => ({ ...e, offset: e.offset + tag.length })),
  };
}

/** What one resident receives: the tagged text and the buttons (built once per language). */
export function deliveryPayload(
  buttons: InlineKeyboard,
  address: string,
  text: string,
  entities: MessageEntity[] | null,
) {
  return { ...taggedText(address, text, entities), reply_markup: buttons };
}

export function pointerPayload(deps: BotDeps, building: string, units: string[], bot: string) {
  const locale = deps.config.defaultLocale;
  const labels = units.map((u) => formatUnit(building, u));
  const shown = labels.length > 8 ? [...labels.slice(0, 8), "…"] : labels;
  return {
    text: deps.i18n.t(locale, "notice-pointer", {
      units: shown.join(deps.i18n.t(locale, "list-separator")),
      bot,
    }),
  };
}

export function updatePayload(deps: BotDeps, locale: string, address: string, oldId: number) {
  return {
    text: `【${address}】\n${deps.i18n.t(locale, "notice-superseded-update", { id: oldId })}`,
  };
}

export function reminderPayload(
  deps: BotDeps,
  locale: string,
  noticeId: number,
  address: string,
  replyTo: number | null,
) {
  return {
    text: `【${address}】\n${deps.i18n.t(locale, "notice-reminder", { id: noticeId })}`,
    reply_markup: residentButtons(deps, locale, noticeId),
    ...(replyTo
      ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
      : {}),
  };
}

const ROOMS_SHOWN = 40;

/** The live report, in the viewer's language, kept under Telegram's limit (the CSV has everything). */
export function reportText(
  deps: BotDeps,
  locale: string,
  notice: Notice,
  deliveries: readonly DeliveryFacts[] | NoticeReport,
): string {
  const t = (key: string, vars?: Record<string, string | number>) => deps.i18n.t(locale, key, vars);
  const { units, total } = Array.isArray(deliveries)
    ? computeNoticeReport(deliveries)
    : (deliveries as NoticeReport);
  const rooms = (list: string[]) =>
    list.length > ROOMS_SHOWN
      ? `${list.slice(0, ROOMS_SHOWN).join(", ")} …(+${list.length - ROOMS_SHOWN})`
      : list.join(", ");
  const lines = [
    t("report-title", {
      id: notice.id,
      time: dateTime(deps.clock.now(), deps.config.timezone),
      status: t(`report-status-${notice.status}`),
    }),
    t("report-total", { ...total, unreachable: total.notStarted + total.blocked }),
    "",
  ];
  for (const u of units) {
    lines.push(
      t("report-unit", {
        unit: u.label,
        recipients: u.recipients,
        sent: u.sent,
        confirmed: u.confirmed,
        unconfirmed: u.unconfirmed,
        queued: u.queued,
        unreachable: u.notStarted.length + u.blocked.length,
      }),
    );
    if (u.notStarted.length) lines.push(t("report-not-started", { rooms: rooms(u.notStarted) }));
    if (u.blocked.length) lines.push(t("report-blocked", { rooms: rooms(u.blocked) }));
    if (u.failed.length) lines.push(t("report-failed", { rooms: rooms(u.failed) }));
  }
  if (total.questions > 0) lines.push("", t("report-questions", { count: total.questions }));
  const [first, ...rest] = splitMessage(lines.join("\n"));
  return rest.length === 0 ? (first as string) : `${first}\n${t("report-truncated")}`;
}

export function reportKeyboard(deps: BotDeps, locale: string, noticeId: number): InlineKeyboard {
  return new InlineKeyboard()
    .text(deps.i18n.t(locale, "report-remind"), noticeButtons.remind.data({ id: noticeId }))
    .text(deps.i18n.t(locale, "report-csv"), noticeButtons.csv.data({ id: noticeId }));
}

/** The report as a spreadsheet: one line per recipient, in the reader's language. */
export function reportCsv(
  deps: BotDeps,
  locale: string,
  deliveries: readonly DeliveryView[],
): string {
  const t = (key: string) => deps.i18n.t(locale, key);
  const header = [
    "building",
    "unit",
    "room",
    "name",
    "phone",
    "status",
    "confirmed",
    "question",
  ].map((c) => t(`csv-${c}`));
  const sorted = [...deliveries].sort((a, b) =>
    a.address.localeCompare(b.address, "en", { numeric: true }),
  );
  const lines = sorted.map((d) => {
    const state = deliveryState(d);
    return csvLine([
      d.building,
      d.unit,
      d.room,
      d.name,
      d.phone,
      t(`state-${state}`),
      d.confirmedAt ? dateTime(new Date(d.confirmedAt), deps.config.timezone) : "",
      d.question,
    ]);
  });
  // A BOM so spreadsheet programs read the Chinese correctly.
  return `\uFEFF${[csvLine(header), ...lines].join("\r\n")}\r\n`;
}
