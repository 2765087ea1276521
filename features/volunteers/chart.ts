/**
 * Volunteering as a chart: hours per team and the volunteers with the most
 * hours. The names are what the caller passes: /volunteers passes only the
 * names volunteers agreed to publish (the others are numbered "anonymous").
 */
import { type ChartSpec, COLORS, panelChart, type Translate } from "../../bot/chart.js";

export interface VolunteerHours {
  name: string;
  hours: number;
}

export interface VolunteerChartData {
  /** The period the hours cover, in days. */
  days: number;
  teams: readonly VolunteerHours[];
  /** Every volunteer with hours; the chart shows the top `top` (default 10). */
  volunteers: readonly VolunteerHours[];
  top?: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function volunteersChart(data: VolunteerChartData, t: Translate): ChartSpec {
  const byHours = (a: VolunteerHours, b: VolunteerHours) => b.hours - a.hours;
  const teams = [...data.teams].sort(byHours);
  const top = [...data.volunteers].sort(byHours).slice(0, data.top ?? 10);
  const hours = round1(data.volunteers.reduce((s, v) => s + v.hours, 0));
  const series = t("chart-volunteers-hours");
  return panelChart({
    title: t("chart-volunteers-title", { days: data.days }),
    subtitle: t("chart-volunteers-subtitle", { people: data.volunteers.length, hours }),
    legend: false,
    panels: [
      {
        kind: "bar",
        horizontal: true,
        heading: t("chart-volunteers-by-team"),
        categories: teams.map((v) => v.name),
        series: [
          {
            name: series,
            color: COLORS.blue,
            labels: true,
            data: teams.map((v) => round1(v.hours)),
          },
        ],
      },
      {
        kind: "bar",
        horizontal: true,
        heading: t("chart-volunteers-top", { count: top.length }),
        categories: top.map((v) => v.name),
        series: [
          {
            name: series,
            color: COLORS.green,
            labels: true,
            data: top.map((v) => round1(v.hours)),
          },
        ],
      },
    ],
  });
}
