/**
 * Sample charts to look at: every chart in zh-CN and English on realistic
 * data (7 days of about 100 requests a day across 8 categories, 19 buildings
 * of check-in, a notice to 12 units, 8 volunteer teams), written as PNG (and
 * the SVG beside it), with the time each render took.
 *
 *   npx tsx bench/chart-samples.ts [folder]   (default /tmp/charts)
 *
 * Not a benchmark run by `npm run bench` (see chart-bench.ts for that); the
 * data builders are shared with it and with test/chart.test.ts.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type ChartSpec,
  chartSvg,
  closeChartRenderer,
  type RenderedChart,
  svgToPng,
  type Translate,
} from "../bot/chart.js";
import { checkinChart } from "../bot/charts/checkin.js";
import { ledgerChart } from "../bot/charts/ledger.js";
import { noticeChart } from "../bot/charts/notice.js";
import { createI18n, LOCALES, type Locale } from "../bot/i18n.js";
import { CATEGORIES } from "../domain/request-catalogue.js";
import type { Status } from "../domain/request-states.js";
import { volunteersChart } from "../features/volunteers/chart.js";

/** A small seeded generator (mulberry32), so every run draws the same charts. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function lastDays(end: string, n: number): string[] {
  const last = Date.parse(`${end}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(last - (n - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

const TODAY = "2026-11-22";

/** About 100 requests a day; older days are mostly done, today's mostly open. */
export function sampleLedger(seed = 1) {
  const rnd = random(seed);
  const dates = lastDays(TODAY, 7);
  const weights = [0.24, 0.06, 0.3, 0.1, 0.08, 0.1, 0.05, 0.07];
  const cells = dates.flatMap((date, day) => {
    const age = dates.length - 1 - day; // 0 = today
    return CATEGORIES.flatMap((category, c) => {
      const n = Math.round(100 * (weights[c] ?? 0.1) * (0.7 + 0.6 * rnd()));
      const counts: Record<Status, number> = {
        new: 0,
        reopened: 0,
        taken: 0,
        assigned: 0,
        accepted: 0,
        done: 0,
        solved: 0,
        cant_do: 0,
      };
      for (let i = 0; i < n; i++) {
        const r = rnd();
        const done = Math.min(0.95, 0.35 + age * 0.12);
        if (r < done * 0.6) counts.solved++;
        else if (r < done) counts.done++;
        else if (r < done + 0.03) counts.cant_do++;
        else if (r < done + 0.15) counts.accepted++;
        else if (r < done + 0.22) counts.taken++;
        else if (r < done + 0.25) counts.reopened++;
        else counts.new++;
      }
      return Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(([status, count]) => ({ date, category, status: status as Status, count }));
    });
  });
  return { dates, cells };
}

/** 19 buildings of 40–120 households; completion between about 40 % and 100 %. */
export function sampleCheckin(seed = 2) {
  const rnd = random(seed);
  const buildings = Array.from({ length: 19 }, (_, i) => {
    const households = 40 + Math.floor(rnd() * 80);
    const complete = i === 4 ? households : Math.floor(households * (0.4 + 0.6 * rnd()));
    const partial = Math.min(households - complete, Math.floor(households * 0.15 * rnd()));
    return { building: String(i + 1), households, complete, partial };
  });
  const trend = lastDays(TODAY, 7).map((date, i) => ({
    date,
    rate: i === 6 ? 71 : Math.floor(78 + 20 * rnd()),
  }));
  return { date: TODAY, buildings, trend };
}

/** A notice to 12 units of about 24 people each. */
export function sampleNotice(seed = 3) {
  const rnd = random(seed);
  const units = Array.from({ length: 12 }, (_, i) => {
    const people = 18 + Math.floor(rnd() * 14);
    const unreachable = Math.floor(people * 0.2 * rnd());
    const queued = i === 11 ? 6 : 0;
    const confirmed = Math.floor((people - unreachable - queued) * (0.5 + 0.5 * rnd()));
    const unconfirmed = people - unreachable - queued - confirmed;
    return {
      label: `${Math.floor(i / 3) + 1}-${(i % 3) + 1}`,
      confirmed,
      unconfirmed,
      queued,
      unreachable,
    };
  });
  return { id: 17, units };
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
const PINYIN = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang"];
const GIVEN_EN = ["Jianguo", "Xiuying", "Wei", "Fang", "Haiyan"];
const GIVEN = ["建国", "秀英", "伟", "芳", "海燕", "志强", "丽", "军", "小明", "桂兰", "敏", "磊"];

export function sampleVolunteers(seed = 4, locale: Locale = "zh-CN") {
  const rnd = random(seed);
  const teamNames =
    locale === "zh-CN"
      ? [
          "买药小组",
          "送菜小组",
          "维修小组",
          "核酸引导",
          "独居老人陪护",
          "物资搬运",
          "电话回访",
          "夜间值守",
        ]
      : [
          "Medicine runs",
          "Groceries",
          "Repairs",
          "Testing guides",
          "Elderly care",
          "Supplies",
          "Phone calls",
          "Night watch",
        ];
  const teams = teamNames.map((name) => ({ name, hours: Math.round(20 + rnd() * 180) }));
  const volunteers = Array.from({ length: 40 }, (_, i) => ({
    name:
      locale === "zh-CN"
        ? `${SURNAMES[i % 12]}${GIVEN[(i * 7 + Math.floor(i / 12)) % 12]}`
        : `${PINYIN[i % 8]} ${GIVEN_EN[(i + Math.floor(i / 8)) % 5]}`,
    hours: Math.round(rnd() * 400) / 10,
  }));
  return { days: 7, teams, volunteers };
}

export function translator(locale: Locale): Translate {
  const i18n = createI18n(locale);
  return (key, vars) => i18n.t(locale, key, vars);
}

export function sampleCharts(locale: Locale): Record<string, ChartSpec> {
  const t = translator(locale);
  return {
    ledger: ledgerChart(sampleLedger(), t),
    checkin: checkinChart(sampleCheckin(), t),
    notice: noticeChart(sampleNotice(), t),
    volunteers: volunteersChart(sampleVolunteers(4, locale), t),
  };
}

export interface ChartTiming {
  name: string;
  locale: Locale;
  spec: ChartSpec;
  last: RenderedChart;
  /** ECharts' layout and SVG, on the calling thread, per run. */
  svgMs: number[];
  /** resvg in the worker (SVG to PNG), per run. */
  pngMs: number[];
}

/** Renders every sample chart `runs` times, timing the two halves apart. */
export async function timeCharts(runs: number): Promise<ChartTiming[]> {
  const out: ChartTiming[] = [];
  for (const locale of LOCALES) {
    for (const [name, spec] of Object.entries(sampleCharts(locale))) {
      const svgMs: number[] = [];
      const pngMs: number[] = [];
      let last: RenderedChart | undefined;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const svg = chartSvg(spec.option, spec.size);
        const drawn = performance.now();
        last = { svg, ...(await svgToPng(svg)) };
        svgMs.push(drawn - start);
        pngMs.push(performance.now() - drawn);
      }
      if (last) out.push({ name, locale, spec, last, svgMs, pngMs });
    }
  }
  return out;
}

const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(" / ");

async function main(folder: string): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
  console.log(`worker start (wasm, fonts): ${(performance.now() - started).toFixed(0)} ms`);
  for (const c of await timeCharts(3)) {
    const file = join(folder, `${c.name}-${c.locale}`);
    writeFileSync(`${file}.png`, c.last.png);
    writeFileSync(`${file}.svg`, c.last.svg);
    console.log(
      `${file}.png ${c.last.width}×${c.last.height}, ${Math.round(c.last.png.length / 1024)} KiB; ` +
        `svg ${ms(c.svgMs)} ms, png ${ms(c.pngMs)} ms`,
    );
  }
  await closeChartRenderer();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv[2] ?? "/tmp/charts");
}
