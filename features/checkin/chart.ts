/**
 * The day's health check-in as a chart: completion per building (households
 * that reported everyone, and those that reported some) and the trend of the
 * last days. Percentages as in the text summary (rounded down).
 */

import {
  type ChartSpec,
  COLORS,
  dateLabel,
  panelChart,
  STATE_COLORS,
  type Translate,
} from "../../bot/chart.js";
import {
  type BuildingSummary,
  completionRate,
  type TrendDay,
} from "../../domain/checkin-summary.js";

export interface CheckinChartData {
  /** Today, "2026-11-22". */
  date: string;
  /** From computeCheckinSummary: one per building, in order. */
  buildings: readonly Pick<BuildingSummary, "building" | "households" | "complete" | "partial">[];
  /** From computeTrend: the last days, oldest first, today included. */
  trend: readonly Pick<TrendDay, "date" | "rate">[];
}

export function checkinChart(data: CheckinChartData, t: Translate): ChartSpec {
  const households = data.buildings.reduce((s, b) => s + b.households, 0);
  const complete = data.buildings.reduce((s, b) => s + b.complete, 0);
  return panelChart({
    title: t("chart-checkin-title", { date: dateLabel(t, data.date) }),
    subtitle: t("chart-checkin-subtitle", {
      households,
      complete,
      rate: completionRate(complete, households),
    }),
    panels: [
      {
        kind: "bar",
        horizontal: true,
        percent: true,
        heading: t("chart-checkin-by-building"),
        categories: data.buildings.map((b) => t("chart-building", { building: b.building })),
        series: [
          {
            name: t("chart-checkin-complete"),
            stack: "households",
            color: STATE_COLORS.good,
            labels: true,
            data: data.buildings.map((b) => completionRate(b.complete, b.households)),
          },
          {
            name: t("chart-checkin-partial"),
            stack: "households",
            color: STATE_COLORS.partial,
            data: data.buildings.map((b) => completionRate(b.partial, b.households)),
          },
        ],
      },
      {
        kind: "line",
        percent: true,
        heading: t("chart-checkin-trend", { days: data.trend.length }),
        categories: data.trend.map((d) => dateLabel(t, d.date)),
        series: [
          {
            name: t("chart-checkin-rate"),
            color: COLORS.ink,
            labels: true,
            data: data.trend.map((d) => d.rate),
          },
        ],
      },
    ],
  });
}
