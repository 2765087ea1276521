/**
 * A notice's delivery report, per unit: sent, confirmed, not yet confirmed,
 * and not reachable (never started the bot, or blocked), with the rooms to
 * call. Pure: it works on plain delivery rows.
 */
import { ByUnit, compareCodes } from "./address.js";

export interface DeliveryFacts {
  building: string;
  unit: string;
  room: string;
  /** "blocked" when it was not sent because the person had blocked the bot. */
  skipped: string | null;
  /** The outbox row's status (pending, sending, sent, failed, dead), if one was written. */
  outboxStatus: string | null;
  failure: string | null;
  confirmedAt: string | null;
  question: string | null;
}

export type DeliveryState =
  | "confirmed"
  | "unconfirmed"
  | "queued"
  | "not_started"
  | "blocked"
  | "failed";

export function deliveryState(d: DeliveryFacts): DeliveryState {
  if (d.skipped === "blocked" || d.failure === "blocked") return "blocked";
  if (d.outboxStatus === "failed") {
    return d.failure === "bad_request" || d.failure === "cancelled" ? "failed" : "not_started";
  }
  if (d.outboxStatus === "dead") return "failed";
  if (d.outboxStatus === "sent") return d.confirmedAt ? "confirmed" : "unconfirmed";
  return "queued";
}

export interface UnitReport {
  label: string;
  recipients: number;
  sent: number;
  confirmed: number;
  unconfirmed: number;
  queued: number;
  notStarted: string[];
  blocked: string[];
  failed: string[];
  questions: number;
}

export type ReportTotals = Omit<UnitReport, "label" | "notStarted" | "blocked" | "failed"> & {
  notStarted: number;
  blocked: number;
  failed: number;
};

interface Tally {
  recipients: number;
  sent: number;
  confirmed: number;
  unconfirmed: number;
  queued: number;
  questions: number;
}

const emptyTally = (): Tally => ({
  recipients: 0,
  sent: 0,
  confirmed: 0,
  unconfirmed: 0,
  queued: 0,
  questions: 0,
});

/** Counts one delivery; returns its state so the caller can list unreachable rooms. */
function count(t: Tally, d: DeliveryFacts): DeliveryState {
  const state = deliveryState(d);
  t.recipients++;
  if (d.question) t.questions++;
  if (state === "confirmed" || state === "unconfirmed") t.sent++;
  if (state === "confirmed") t.confirmed++;
  if (state === "unconfirmed") t.unconfirmed++;
  if (state === "queued") t.queued++;
  return state;
}

export interface NoticeReport {
  units: UnitReport[];
  total: ReportTotals;
}

/**
 * The report, built one delivery at a time: a notice to 100,000 residents is
 * counted page by page without holding every row.
 */
export class NoticeReportTally {
  private readonly units = new ByUnit<Omit<UnitReport, "label">>(() => ({
    ...emptyTally(),
    notStarted: [],
    blocked: [],
    failed: [],
  }));
  private readonly total: ReportTotals = {
    ...emptyTally(),
    notStarted: 0,
    blocked: 0,
    failed: 0,
  };

  add(d: DeliveryFacts): void {
    const u = this.units.get(d);
    const state = count(u, d);
    count(this.total, d);
    if (state === "not_started") {
      u.notStarted.push(d.room);
      this.total.notStarted++;
    } else if (state === "blocked") {
      u.blocked.push(d.room);
      this.total.blocked++;
    } else if (state === "failed") {
      u.failed.push(d.room);
      this.total.failed++;
    }
  }

  result(): NoticeReport {
    const sortRooms = (rooms: string[]) => [...new Set(rooms)].sort(compareCodes);
    const list = this.units.rows().map(({ building: _b, unit: _u, ...u }) => ({
      ...u,
      notStarted: sortRooms(u.notStarted),
      blocked: sortRooms(u.blocked),
      failed: sortRooms(u.failed),
    }));
    return { units: list, total: { ...this.total } };
  }
}

export function computeNoticeReport(rows: Iterable<DeliveryFacts>): NoticeReport {
  const tally = new NoticeReportTally();
  for (const d of rows) tally.add(d);
  return tally.result();
}

/** Quotes a CSV cell for spreadsheets (commas, quotes, line breaks; a leading = + - @ is defused). */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return cells.map(csvCell).join(",");
}
