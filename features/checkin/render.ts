/**
 * What the check-in looks like to people: the group prompt with its Report
 * button, the private prompt and the deadline reminder, the missing list for
 * staff, and the day's summary. Texts come from locales/ in the reader's
 * language (a group gets the community's default language).
 */
import { InlineKeyboard } from "grammy";
import { button } from "../../bot/callback-data.js";
import type { BotDeps } from "../../bot/context.js";
import { clockTime } from "../../bot/format.js";
import type { CheckinSettings, CheckinStep } from "../../domain/checkin-schedule.js";
import type {
  CheckinSummary,
  RoomState,
  Symptom,
  TrendDay,
  UnitSummary,
} from "../../domain/checkin-summary.js";
import { completionRate, SYMPTOMS } from "../../domain/checkin-summary.js";
import { formatCelsius } from "../../domain/temperature.js";
import { splitMessage } from "../../domain/text.js";

/** The check-in's buttons, each defined once as typed callback data. */
export const checkinButtons = {
  /** From a private prompt or reminder: start reporting. */
  go: button("ci:go"),
  member: button("ci:m", { n: "int" }),
  done: button("ci:done"),
  symptom: button("ci:s", { symptom: SYMPTOMS }),
  fahrenheitYes: button("ci:f:yes"),
  fahrenheitNo: button("ci:f:no"),
  noteSkip: button("ci:note:skip"),
};

/** The deep link behind the group's Report button. */
export function checkinLink(bot: string): string {
  return `https://t.me/${bot}?start=checkin`;
}

type Vars = Record<string, string | number>;
const translator = (deps: BotDeps, locale: string) => (key: string, vars?: Vars) =>
  deps.i18n.t(locale, key, vars);

export function symptomLabel(
  deps: BotDeps,
  locale: string,
  symptom: Symptom,
  note?: string | null,
) {
  const label = deps.i18n.t(locale, `checkin-symptom-${symptom}`);
  return note ? `${label}: ${note}` : label;
}

/** The morning message in a building group: one per group per day. */
export function groupPromptPayload(
  deps: BotDeps,
  building: string,
  settings: CheckinSettings,
  bot: string,
) {
  const t = translator(deps, deps.config.defaultLocale);
  return {
    text: t("checkin-group-prompt", { building, deadline: settings.deadline }),
    reply_markup: new InlineKeyboard().url(t("checkin-report-button"), checkinLink(bot)),
  };
}

/** The morning message to a resident who opted in. */
export function privatePromptPayload(
  deps: BotDeps,
  locale: string,
  address: string,
  settings: CheckinSettings,
) {
  const t = translator(deps, locale);
  return {
    text: `【${address}】\n${t("checkin-private-prompt", { deadline: settings.deadline })}`,
    reply_markup: new InlineKeyboard().text(t("checkin-report-now"), checkinButtons.go.data({})),
  };
}

/** At the deadline, to a household that has not reported (or not for everyone). */
/**
 * The reminders of one deadline: `payload(locale, room)` for each household.
 * The sentence and the button are made once per language and shape and
 * shared by every reminder (100,000 reminders hold one keyboard, not 100,000).
 */
export function reminderPayloads(deps: BotDeps, settings: CheckinSettings) {
  const texts = new Map<string, string>();
  const keyboards = new Map<string, InlineKeyboard>();
  return (locale: string, room: RoomState) => {
    const key = `${locale}:${room.reported}:${room.members}`;
    let text = texts.get(key);
    if (text === undefined) {
      const t = translator(deps, locale);
      text =
        room.reported === 0
          ? t("checkin-reminder-missing", { report: settings.report })
          : t("checkin-reminder-partial", {
              reported: room.reported,
              members: room.members,
              missing: room.members - room.reported,
            });
      texts.set(key, text);
    }
    let keyboard = keyboards.get(locale);
    if (!keyboard) {
      keyboard = new InlineKeyboard().text(
        translator(deps, locale)("checkin-report-now"),
        checkinButtons.go.data({}),
      );
      keyboards.set(locale, keyboard);
    }
    return { text: `【${room.address}】\n${text}`, reply_markup: keyboard };
  };
}

/** "101📵, 302, 501 (1/3)": 📵 when nobody in the household can be messaged. */
function roomList(rooms: readonly RoomState[], withCounts: boolean): string {
  return rooms
    .map(
      (r) =>
        `${r.room}${r.reachable ? "" : "📵"}${withCounts ? ` (${r.reported}/${r.members})` : ""}`,
    )
    .join(", ");
}

/** The deadline's list for workers and coordinators: every unit with rooms still to chase. */
export function missingListTexts(
  deps: BotDeps,
  locale: string,
  summary: CheckinSummary,
  settings: CheckinSettings,
  reminded: number,
  mine = false,
): string[] {
  const t = translator(deps, locale);
  const { total } = summary;
  const scope = mine ? `${t("checkin-missing-mine")}\n` : "";
  if (total.missing + total.partial === 0) {
    return [
      scope +
        t("checkin-missing-none", {
          date: summary.date,
          deadline: settings.deadline,
          households: total.households,
        }),
    ];
  }
  const lines = [
    scope +
      t("checkin-missing-title", {
        date: summary.date,
        deadline: settings.deadline,
        households: total.households,
        missing: total.missing,
        partial: total.partial,
      }),
    "",
  ];
  for (const u of summary.units) {
    const rooms = [roomList(u.missingRooms, false), roomList(u.partialRooms, true)].filter(
      (s) => s !== "",
    );
    if (rooms.length > 0)
      lines.push(t("checkin-missing-unit", { unit: u.label, rooms: rooms.join(", ") }));
  }
  lines.push("");
  if (total.missing > 0)
    lines.push(
      t("checkin-missing-reach", {
        reachable: total.missingReachable,
        unreachable: total.missingUnreachable,
      }),
    );
  lines.push(t("checkin-missing-legend", { reminded }));
  return splitMessage(lines.join("\n"));
}

function unitLines(t: ReturnType<typeof translator>, u: UnitSummary): string[] {
  const lines = [
    t("checkin-summary-unit", {
      unit: u.label,
      households: u.households,
      complete: u.complete,
      partial: u.partial,
      missing: u.missing,
    }),
  ];
  if (u.missingRooms.length > 0)
    lines.push(t("checkin-summary-missing-rooms", { rooms: roomList(u.missingRooms, false) }));
  if (u.partialRooms.length > 0)
    lines.push(t("checkin-summary-partial-rooms", { rooms: roomList(u.partialRooms, true) }));
  return lines;
}

/**
 * The day's summary: totals, fevers, completion by building and unit with the
 * rooms still missing (📵 = unreachable), and optionally the trend.
 */
export function summaryTexts(
  deps: BotDeps,
  locale: string,
  summary: CheckinSummary,
  opts: { trend?: readonly TrendDay[]; enabled?: boolean } = {},
): string[] {
  const t = translator(deps, locale);
  const { total } = summary;
  const lines = [
    t("checkin-summary-title", {
      date: summary.date,
      time: clockTime(deps.clock.now(), deps.config.timezone),
    }),
  ];
  if (opts.enabled === false) lines.push(t("checkin-summary-off"));
  if (total.households === 0) {
    lines.push(t("checkin-summary-empty"));
    return [lines.join("\n")];
  }
  lines.push(
    t("checkin-summary-total", {
      ...total,
      rate: completionRate(total.complete, total.households),
    }),
    "",
  );
  if (summary.fevers.length === 0) lines.push(t("checkin-summary-no-fever"));
  else {
    lines.push(t("checkin-summary-fevers", { count: summary.fevers.length }));
    for (const f of summary.fevers)
      lines.push(
        t("checkin-summary-fever", {
          address: f.address,
          member: f.member,
          celsius: formatCelsius(f.celsius),
          symptom: symptomLabel(deps, locale, f.symptom, f.note),
        }),
      );
  }
  lines.push("", t("checkin-summary-by-unit"));
  for (const b of summary.buildings) {
    lines.push(t("checkin-summary-building", { ...b }));
    for (const u of summary.units) if (u.building === b.building) lines.push(...unitLines(t, u));
  }
  if (total.missing > 0)
    lines.push(
      "",
      t("checkin-summary-missing", {
        missing: total.missing,
        reachable: total.missingReachable,
        unreachable: total.missingUnreachable,
      }),
    );
  if (opts.trend && opts.trend.length > 0) {
    const days = opts.trend
      .map((d) => t("checkin-trend-day", { day: d.date.slice(5), rate: d.rate, fevers: d.fevers }))
      .join(" · ");
    lines.push("", t("checkin-summary-trend", { days }));
  }
  return splitMessage(lines.join("\n"));
}

/** The settings and what today's steps have done, for /checkin_settings. */
export function settingsText(
  deps: BotDeps,
  locale: string,
  settings: CheckinSettings,
  done: ReadonlyMap<CheckinStep, string>,
  promptedGroups: number,
): string {
  const t = translator(deps, locale);
  const steps = (["prompt", "deadline", "report"] as const).map((step) => {
    const at = done.get(step);
    const state =
      step === "prompt" && (at || promptedGroups > 0)
        ? t("checkin-step-prompted", { groups: promptedGroups })
        : at
          ? t("checkin-step-done", { time: clockTime(new Date(at), deps.config.timezone) })
          : t("checkin-step-waiting");
    return t("checkin-settings-step", { step: t(`checkin-step-${step}`), state });
  });
  return [
    t("checkin-settings-show", {
      state: t(settings.enabled ? "checkin-settings-on" : "checkin-settings-off"),
      prompt: settings.prompt,
      deadline: settings.deadline,
      report: settings.report,
      timezone: deps.config.timezone,
    }),
    t("checkin-settings-today"),
    ...steps,
    "",
    t("checkin-settings-usage"),
  ].join("\n");
}
