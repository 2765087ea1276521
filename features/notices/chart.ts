/**
 * A notice's delivery as a chart: per unit, the people who confirmed, those
 * it reached who haven't confirmed, those still queued, and those it can't
 * reach (never started the bot, blocked it, or sending failed).
 */
import {
  type ChartSpec,
  COLORS,
  panelChart,
  STATE_COLORS,
  type Translate,
} from "../../bot/chart.js";
import { computeNoticeReport, type DeliveryFacts } from "../../domain/notice-report.js";

/** One unit of the report; from domain/notice-report's UnitReport: unreachable = notStarted + blocked + failed. */
export interface NoticeChartUnit {
  /** "3-2", or "12" for a building without units. */
  label: string;
  confirmed: number;
  unconfirmed: number;
  queued: number;
  unreachable: number;
}

export interface NoticeChartData {
  id: number;
  units: readonly NoticeChartUnit[];
}

const STATES = [
  ["confirmed", STATE_COLORS.good],
  ["unconfirmed", STATE_COLORS.partial],
  ["queued", COLORS.pale],
  ["unreachable", STATE_COLORS.bad],
] as const;

export function noticeChart(data: NoticeChartData, t: Translate): ChartSpec {
  const sum = (key: (typeof STATES)[number][0]) => data.units.reduce((s, u) => s + u[key], 0);
  const recipients = STATES.reduce((s, [key]) => s + sum(key), 0);
  return panelChart({
    title: t("chart-notice-title", { id: data.id }),
    subtitle: t("chart-notice-subtitle", {
      recipients,
      confirmed: sum("confirmed"),
      unreachable: sum("unreachable"),
    }),
    panels: [
      {
        kind: "bar",
        horizontal: true,
        valueName: t("chart-notice-people"),
        categories: data.units.map((u) => u.label),
        series: STATES.map(([key, color]) => ({
          name: t(`chart-notice-${key}`),
          stack: "people",
          color,
          labels: true,
          data: data.units.map((u) => u[key]),
        })),
      },
    ],
  });
}

/** The chart's figures from a notice's delivery rows: people per unit (the report's rooms are per room). */
export function noticeChartData(id: number, deliveries: readonly DeliveryFacts[]): NoticeChartData {
  return {
    id,
    units: computeNoticeReport(deliveries).units.map((u) => ({
      label: u.label,
      confirmed: u.confirmed,
      unconfirmed: u.unconfirmed,
      queued: u.queued,
      unreachable: u.recipients - u.confirmed - u.unconfirmed - u.queued,
    })),
  };
}
