/**
 * The ledger (台账) as people read it: /ledger's text, the end-of-day
 * summary, and the CSV export. The figures themselves are pure
 * (domain/request-ledger.ts `ledgerFigures`); this file only puts them in words.
 */

import type { BotDeps } from "../../bot/context.js";
import { dateTime } from "../../bot/format.js";
import { unitOfAddress } from "../../domain/address.js";
import { csvLine } from "../../domain/notice-report.js";
import { CATEGORIES } from "../../domain/request-catalogue.js";
import { dueAt, type Ledger, type RequestSettings } from "../../domain/request-ledger.js";
import type { AckStats } from "../../storage/escalations.js";
import type { Request } from "../../storage/requests.js";
import {
  categoryLabel,
  type Directory,
  detailLines,
  duration,
  statusLabel,
  type Tr,
  tr,
  urgencyLabel,
} from "./render.js";

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const hhmm = (d: Date, tz: string) => dateTime(d, tz).slice(11);

const OVERDUE_SHOWN = 20;

function figureLines(t: Tr, l: Ledger): string[] {
  return [
    t("rq-ledger-counts", { received: l.receivedToday, solved: l.solvedToday }),
    l.resolutionRate === null
      ? t("rq-ledger-rate-none")
      : t("rq-ledger-rate", { rate: percent(l.resolutionRate) }),
    l.medianMinutesToDone === null
      ? t("rq-ledger-median-none")
      : t("rq-ledger-median", { time: duration(t, l.medianMinutesToDone) }),
  ];
}

/** A room, or in a group only its unit (a group is told no rooms). */
function place(address: string | null, inGroup: boolean): string | null {
  return inGroup ? unitOfAddress(address) : address;
}

function overdueLines(t: Tr, l: Ledger, inGroup: boolean): string[] {
  if (l.overdue.length === 0) return [t("rq-ledger-overdue-none")];
  const lines = [t("rq-ledger-overdue-title", { count: l.overdue.length })];
  for (const o of l.overdue.slice(0, OVERDUE_SHOWN)) {
    lines.push(
      t("rq-ledger-overdue-line", {
        number: o.number,
        category: categoryLabel(t, o.category),
        address: place(o.address, inGroup) ?? t("rq-no-room"),
        urgency: urgencyLabel(t, o.urgency),
        status: statusLabel(t, o.status),
        late: duration(t, o.minutesLate),
      }),
    );
  }
  if (l.overdue.length > OVERDUE_SHOWN)
    lines.push(t("rq-ledger-more", { count: l.overdue.length - OVERDUE_SHOWN }));
  return lines;
}

/** Today's urgent items from the escalation ladder: median time to "I'm on it", and those nobody took. */
function urgentLines(t: Tr, stats: AckStats, tz: string, inGroup: boolean): string[] {
  const lines = [
    stats.medianSecondsToAck === null
      ? t("rq-ledger-urgent-none", { total: stats.total })
      : t("rq-ledger-urgent", {
          total: stats.total,
          acknowledged: stats.acknowledged,
          median: duration(t, stats.medianSecondsToAck / 60),
        }),
  ];
  for (const item of stats.unacknowledged.slice(0, OVERDUE_SHOWN)) {
    lines.push(
      t("rq-ledger-urgent-missed", {
        id: item.id,
        kind: t(`esc-kind-${item.kind}`),
        address: place(item.address, inGroup) ?? "—",
        time: hhmm(new Date(item.createdAt), tz),
      }),
    );
  }
  return lines;
}

/** /ledger: this shift and today, by category; figures; overdue items; urgent items. In the staff group (`inGroup`), units instead of rooms. */
export function ledgerText(
  deps: BotDeps,
  locale: string,
  l: Ledger,
  now: Date,
  urgent?: AckStats,
  inGroup = false,
): string {
  const t = tr(deps, locale);
  const tz = deps.config.timezone;
  const lines = [
    t("rq-ledger-title", { time: dateTime(now, tz) }),
    t("rq-ledger-shift", { from: hhmm(l.shift.start, tz), to: hhmm(l.shift.end, tz) }),
    "",
    t("rq-ledger-open-title"),
  ];
  const categories = CATEGORIES.filter((c) => l.open[c].all > 0);
  if (categories.length === 0) lines.push(t("rq-ledger-open-none"));
  for (const c of categories)
    lines.push(t("rq-ledger-open-line", { category: categoryLabel(t, c), ...l.open[c] }));
  if (categories.length > 0) lines.push(t("rq-ledger-open-total", { ...l.openTotal }));
  lines.push("", ...figureLines(t, l), "", ...overdueLines(t, l, inGroup));
  if (urgent) lines.push("", ...urgentLines(t, urgent, tz, inGroup));
  return lines.join("\n");
}

/** The end-of-day summary, for the staff group (`inGroup`: units, not rooms) or the coordinators. */
export function dailySummaryText(
  deps: BotDeps,
  locale: string,
  day: string,
  l: Ledger,
  inGroup = false,
): string {
  const t = tr(deps, locale);
  const open = CATEGORIES.filter((c) => l.open[c].all > 0)
    .map((c) => t("rq-daily-open-item", { category: categoryLabel(t, c), count: l.open[c].all }))
    .join(t("list-separator"));
  return [
    t("rq-daily-title", { day }),
    ...figureLines(t, l),
    l.openTotal.all === 0
      ? t("rq-daily-open-none")
      : t("rq-daily-open", { count: l.openTotal.all, list: open }),
    ...overdueLines(t, l, inGroup),
  ].join("\n");
}

const CSV_COLUMNS = [
  "number",
  "filed-at",
  "category",
  "urgency",
  "status",
  "building",
  "unit",
  "room",
  "name",
  "phone",
  "filed-as",
  "filed-by",
  "details",
  "photos",
  "handler",
  "volunteer",
  "done-at",
  "minutes",
  "note",
  "answer",
  "late",
] as const;

/**
 * The export: one line per request, columns a spreadsheet user expects,
 * headers in the reader's language, a BOM so Excel reads the Chinese.
 */
export function requestsCsv(
  deps: BotDeps,
  locale: string,
  requests: readonly Request[],
  dir: Directory,
  now: Date,
  settings: RequestSettings,
): string {
  const t = tr(deps, locale);
  const tz = deps.config.timezone;
  const time = (iso: string | null) => (iso ? dateTime(new Date(iso), tz) : "");
  const name = (id: number | null) => (id === null ? "" : (dir.get(id)?.name ?? String(id)));
  const lines = requests.map((r) => {
    const due = dueAt(r.category, r.urgency, new Date(r.reopenedAt ?? r.createdAt), tz, settings);
    const finished = r.status === "done" || r.status === "solved" ? r.doneAt : r.closedAt;
    const late = (finished ? Date.parse(finished) : now.getTime()) > due.getTime();
    const phone = r.subjectPhone ?? (r.personId !== null ? (dir.get(r.personId)?.phone ?? "") : "");
    return csvLine([
      r.number,
      time(r.createdAt),
      categoryLabel(t, r.category),
      urgencyLabel(t, r.urgency),
      statusLabel(t, r.status),
      r.building,
      r.unit,
      r.room,
      r.filedAs === "unregistered" ? r.subjectName : name(r.personId),
      phone,
      t(`rq-filed-as-${r.filedAs}`),
      name(r.filedBy),
      detailLines(t, r.category, r.details, r.photos.length, true).join("; "),
      r.photos.length,
      name(r.handlerId),
      name(r.assigneeId),
      time(r.doneAt),
      r.doneAt ? Math.round((Date.parse(r.doneAt) - Date.parse(r.createdAt)) / 60_000) : "",
      r.lastNote,
      r.residentAnswer ? t(`rq-answer-${r.residentAnswer}`) : "",
      late ? t("rq-csv-yes") : t("rq-csv-no"),
    ]);
  });
  const header = csvLine(CSV_COLUMNS.map((c) => t(`rq-csv-${c}`)));
  return `\uFEFF${[header, ...lines].join("\r\n")}\r\n`;
}
