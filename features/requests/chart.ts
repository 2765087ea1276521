/**
 * The request ledger as a chart: the last days' requests by category and by
 * the day they were filed, each split by the state they are in now, with the
 * resolution rate (the share of a day's requests now done or solved, as in
 * the text ledger).
 */

import {
  type ChartSpec,
  dateLabel,
  panelChart,
  percentOf,
  STATE_COLORS,
  type Translate,
} from "../../bot/chart.js";
import { CATEGORIES, type Category } from "../../domain/request-catalogue.js";
import { RESOLVED, type Status } from "../../domain/request-states.js";

/** How many requests of a category, filed on a (local) date, are in a state now. */
export interface LedgerChartCell {
  date: string;
  category: Category;
  status: Status;
  count: number;
}

export interface LedgerChartData {
  /** The days shown, oldest first ("2026-11-22"), usually the last 7. */
  dates: readonly string[];
  cells: readonly LedgerChartCell[];
}

/** The eight states folded into four a coordinator acts on. */
export const STATE_GROUPS = ["waiting", "working", "resolved", "cant"] as const;
export type StateGroup = (typeof STATE_GROUPS)[number];

export function stateGroup(status: Status): StateGroup {
  if (RESOLVED.includes(status)) return "resolved";
  if (status === "cant_do") return "cant";
  if (status === "new" || status === "reopened") return "waiting";
  return "working";
}

const GROUP_COLOR: Record<StateGroup, string> = {
  waiting: STATE_COLORS.waiting,
  working: STATE_COLORS.partial,
  resolved: STATE_COLORS.good,
  cant: STATE_COLORS.bad,
};

export function ledgerChart(data: LedgerChartData, t: Translate): ChartSpec {
  const dayIndex = new Map(data.dates.map((d, i) => [d, i]));
  const byCategory = new Map<Category, Record<StateGroup, number>>();
  const byDay = STATE_GROUPS.map(() => data.dates.map(() => 0));
  const zero = (): Record<StateGroup, number> => ({ waiting: 0, working: 0, resolved: 0, cant: 0 });
  for (const c of CATEGORIES) byCategory.set(c, zero());

  for (const cell of data.cells) {
    const day = dayIndex.get(cell.date);
    if (day === undefined || cell.count <= 0) continue;
    const group = stateGroup(cell.status);
    const counts = byCategory.get(cell.category);
    if (counts) counts[group] += cell.count;
    const row = byDay[STATE_GROUPS.indexOf(group)];
    if (row) row[day] = (row[day] ?? 0) + cell.count;
  }

  const received = data.dates.map((_, i) => byDay.reduce((sum, row) => sum + (row[i] ?? 0), 0));
  const resolved = byDay[STATE_GROUPS.indexOf("resolved")] ?? [];
  const total = received.reduce((a, b) => a + b, 0);
  const totalResolved = resolved.reduce((a, b) => a + b, 0);
  const rate = received.map((n, i) => (n === 0 ? null : percentOf(resolved[i] ?? 0, n)));

  const groupName = (g: StateGroup) => t(`chart-ledger-state-${g}`);
  return panelChart({
    title: t("chart-ledger-title", { days: data.dates.length }),
    subtitle:
      total === 0
        ? t("chart-ledger-subtitle-none")
        : t("chart-ledger-subtitle", {
            received: total,
            resolved: totalResolved,
            rate: percentOf(totalResolved, total),
          }),
    panels: [
      {
        kind: "bar",
        horizontal: true,
        heading: t("chart-ledger-by-category"),
        categories: CATEGORIES.map((c) => {
          const counts = byCategory.get(c) ?? zero();
          const sum = STATE_GROUPS.reduce((s, g) => s + counts[g], 0);
          return t("chart-ledger-category", { category: t(`chart-cat-${c}`), total: sum });
        }),
        series: STATE_GROUPS.map((g) => ({
          name: groupName(g),
          stack: "state",
          color: GROUP_COLOR[g],
          labels: true,
          data: CATEGORIES.map((c) => (byCategory.get(c) ?? zero())[g]),
        })),
      },
      {
        kind: "bar",
        heading: t("chart-ledger-by-day"),
        categories: data.dates.map((d) => dateLabel(t, d)),
        valueName: t("chart-ledger-count"),
        series: STATE_GROUPS.map((g, i) => ({
          name: groupName(g),
          stack: "state",
          color: GROUP_COLOR[g],
          data: byDay[i] ?? [],
        })),
        line: {
          name: t("chart-ledger-rate"),
          data: rate,
          percent: true,
          labels: true,
        },
      },
    ],
  });
}
