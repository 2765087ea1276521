/**
 * Charts as PNG images, rendered on the server without a browser: Apache
 * ECharts draws an SVG string (its server-side renderer), resvg (WebAssembly,
 * in a worker thread) turns it into a PNG with the CJK font that ships in an
 * npm package (never a system font, so a fresh machine renders the same
 * picture). Knows no feature and no
 * grammY: features build a chart spec (see `panelChart`) from their figures
 * and a translate function, and send the PNG.
 *
 * Sizes are in logical pixels; the PNG is `scale` times larger (2 by default).
 * The default width, 640, makes a 1,280-pixel-wide PNG: the size Telegram
 * keeps for a photo, and on a phone the chart fills the screen's width, so
 * 16-pixel labels read like 10-pt text. Tall charts suit phones better than
 * wide ones, so panels stack vertically and horizontal bars grow downwards.
 */
import { Worker } from "node:worker_threads";
import type { XAXisComponentOption, YAXisComponentOption } from "echarts";
import {
  BarChart as BarChartType,
  type BarSeriesOption,
  LineChart as LineChartType,
  type LineSeriesOption,
} from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TitleComponent,
  type TitleComponentOption,
} from "echarts/components";
import { type ComposeOption, format, init, use } from "echarts/core";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";
import { FONT_FAMILY, FONT_FILES } from "./fonts.js";

use([
  BarChartType,
  LineChartType,
  GridComponent,
  LegendComponent,
  TitleComponent,
  LabelLayout,
  SVGRenderer,
]);

/** The ECharts options this module can draw (only these parts are registered). */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TitleComponentOption
>;

/** Texts come from locales/: a feature passes `(key, vars) => i18n.t(locale, key, vars)`. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface ChartSize {
  /** Logical pixels; the PNG is `scale` times larger. */
  width: number;
  height: number;
}

/** A chart ready to render: the option and the size it was laid out for. */
export interface ChartSpec {
  option: ChartOption;
  size: ChartSize;
}

export interface RenderedChart {
  /** The SVG ECharts drew (texts are <text> nodes). */
  svg: string;
  png: Buffer;
  /** Of the PNG, in pixels. */
  width: number;
  height: number;
}

export const DEFAULT_SIZE: ChartSize = { width: 640, height: 480 };
export const DEFAULT_SCALE = 2;

// ================================================================== the font

// The font (bot/fonts.ts, which loads no chart code).
export { FONT_FAMILY, FONT_FILES };

// ================================================================ the style

/**
 * Okabe & Ito's palette, safe for every common kind of colour blindness and
 * readable on paper. Use the semantic names for states (good, partial,
 * waiting, bad) so the same meaning has the same colour in every chart.
 */
export const COLORS = {
  blue: "#0072B2",
  sky: "#56B4E9",
  green: "#009E73",
  orange: "#E69F00",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  yellow: "#F0E442",
  grey: "#8C8C8C",
  /** Light enough to tell from every colour above when printed in grey. */
  pale: "#CCCCCC",
  ink: "#1F2328",
  muted: "#57606A",
  rule: "#D0D7DE",
} as const;

export const STATE_COLORS = {
  /** Done, confirmed, complete. */
  good: COLORS.blue,
  /** Under way, delivered but not confirmed, partly reported. */
  partial: COLORS.sky,
  /** Nobody has acted yet, still queued. */
  waiting: COLORS.orange,
  /** Could not be done, unreachable, missing. */
  bad: COLORS.vermillion,
} as const;

/** For series without a meaning of their own, in this order. */
export const PALETTE: readonly string[] = [
  COLORS.blue,
  COLORS.orange,
  COLORS.green,
  COLORS.vermillion,
  COLORS.sky,
  COLORS.purple,
  COLORS.grey,
  COLORS.yellow,
];

/** Type sizes in logical pixels (×2 in the PNG). */
export const TYPE = { title: 24, subtitle: 16, heading: 18, label: 15, legend: 15 } as const;

const THEME = {
  color: [...PALETTE],
  backgroundColor: "#FFFFFF",
  textStyle: { fontFamily: FONT_FAMILY, fontSize: TYPE.label, color: COLORS.ink },
};

// ================================================================ rendering

/** The SVG of a chart. One throw-away ECharts instance per call, always disposed. */
export function chartSvg(option: ChartOption, size: ChartSize = DEFAULT_SIZE): string {
  const chart = init(null, THEME, {
    renderer: "svg",
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ animation: false, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

interface Job {
  resolve: (result: { png: Buffer; width: number; height: number }) => void;
  reject: (error: Error) => void;
}

type WorkerReply =
  | { id: number; png: Uint8Array; width: number; height: number; error?: undefined }
  | { id: number; error: string };

/** An idle worker ends after this long, giving back its memory (about 100 MB). */
const IDLE_MS = 10 * 60_000;

/**
 * One worker turns SVGs into PNGs, one at a time, so a chart never stalls the
 * bot's event loop. Started on first use, it holds the process open only
 * while it has work, and ends after IDLE_MS without any.
 */
class Rasterizer {
  private worker: Worker | undefined;
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;

  private start(): Worker {
    const worker = new Worker(new URL("./chart-worker.mjs", import.meta.url), {
      workerData: { fontFiles: FONT_FILES, family: FONT_FAMILY, background: THEME.backgroundColor },
    });
    worker.unref();
    worker.on("message", (reply: WorkerReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      this.jobs.delete(reply.id);
      if (this.jobs.size === 0) {
        worker.unref();
        this.idle = setTimeout(() => void this.close(), IDLE_MS).unref();
      }
      if (reply.error !== undefined)
        job.reject(new Error(`chart rendering failed: ${reply.error}`));
      else {
        const png = Buffer.from(reply.png.buffer, reply.png.byteOffset, reply.png.byteLength);
        job.resolve({ png, width: reply.width, height: reply.height });
      }
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const job of this.jobs.values()) job.reject(error);
      this.jobs.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`chart worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  render(svg: string, scale: number): Promise<{ png: Buffer; width: number; height: number }> {
    clearTimeout(this.idle);
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.jobs.size === 0) worker.ref();
      this.jobs.set(id, { resolve, reject });
      worker.postMessage({ id, svg, scale });
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

const rasterizer = new Rasterizer();

/** An SVG to PNG with the packaged font (no system font is looked at). */
export function svgToPng(
  svg: string,
  scale: number = DEFAULT_SCALE,
): Promise<{ png: Buffer; width: number; height: number }> {
  return rasterizer.render(svg, scale);
}

/**
 * Starts the worker ahead of the first chart (WebAssembly, 17 MB of font and a
 * first drawing: about half a second), e.g. when the bot starts.
 */
export async function warmUpCharts(): Promise<void> {
  await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', 1);
}

/** Stops the worker (tests, shutdown); the next render starts a new one. */
export function closeChartRenderer(): Promise<void> {
  return rasterizer.close();
}

/**
 * A chart as SVG and PNG. ECharts lays it out on this thread (tens of ms);
 * resvg draws it in the worker (about 0.1–0.2 s for a phone-sized chart; see
 * bench/chart-bench.ts).
 */
export async function renderChart(
  option: ChartOption,
  size: ChartSize = DEFAULT_SIZE,
  scale: number = DEFAULT_SCALE,
): Promise<RenderedChart> {
  const svg = chartSvg(option, size);
  return { svg, ...(await svgToPng(svg, scale)) };
}

/** The same for a spec from `panelChart`. */
export function renderSpec(spec: ChartSpec, scale: number = DEFAULT_SCALE): Promise<RenderedChart> {
  return renderChart(spec.option, spec.size, scale);
}

// =================================================================== layout

/**
 * Width of a text in logical pixels as ECharts measures it on a server (no
 * canvas: 1 em for CJK, a table of Latin widths a little wider than the
 * font's), so layout computed here matches the layout ECharts draws.
 */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(format.getTextRect(text, `${fontSize}px ${FONT_FAMILY}`).width);
}

export interface Series {
  name: string;
  /** One value per category; null leaves a gap. */
  data: readonly (number | null)[];
  color?: string;
  /** Series with the same stack name pile up (within a panel). */
  stack?: string;
  /** Print each value on its bar or point (on stacked bars only where it fits). */
  labels?: boolean;
}

interface PanelBase {
  /** A heading above the panel. */
  heading?: string;
  /** The axis labels, one per data point. */
  categories: readonly string[];
  series: readonly Series[];
  /** Name of the value axis, e.g. "件" or "people". */
  valueName?: string;
  /** Values are percentages: the axis runs 0–100 and labels end in %. */
  percent?: boolean;
}

/** Bars; horizontal bars (one row per category) suit many or long category names. */
export interface BarPanel extends PanelBase {
  kind: "bar";
  horizontal?: boolean;
  /** A line on a second axis (vertical bars only), e.g. a rate beside counts. */
  line?: Series & { valueName?: string; percent?: boolean };
}

/** Lines over the categories (days, usually). */
export interface LinePanel extends PanelBase {
  kind: "line";
}

export type Panel = BarPanel | LinePanel;

export interface PanelChart {
  title: string;
  subtitle?: string;
  panels: readonly Panel[];
  /** Logical width (default 640). The height follows from the panels. */
  width?: number;
  /** Show the legend (default true; off for a single series that the headings name). */
  legend?: boolean;
}

const PAD = 16;
const ROW = 30; // one horizontal bar
const PLOT = 240; // height of a vertical-bar or line panel's plot
const AXIS_LABEL_GAP = 8;
/** ECharts' legend item: icon, 5 px, text; items and rows `between` apart. */
const LEGEND_ITEM = { icon: 22, iconHeight: 14, gap: 5, between: 18 };

/** Rows a horizontal legend takes at this width (ECharts wraps it the same way). */
export function legendRows(names: readonly string[], width: number): number {
  let rows = names.length > 0 ? 1 : 0;
  let x = 0;
  for (const name of names) {
    const w = LEGEND_ITEM.icon + LEGEND_ITEM.gap + textWidth(name, TYPE.legend);
    if (x > 0 && x + w > width) {
      rows++;
      x = 0;
    }
    x += w + LEGEND_ITEM.between;
  }
  return rows;
}

/** For axis labels (called with the value; series labels use "{c}%"). */
const percentLabel = (value: unknown) => `${value}%`;

/** WCAG relative luminance of "#RRGGBB". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Ink or white for a label on this colour: whichever contrasts more (WCAG). */
export function labelColorOn(background: string): string {
  const bg = luminance(background);
  const onWhite = 1.05 / (bg + 0.05);
  const onInk = (bg + 0.05) / (luminance(COLORS.ink) + 0.05);
  return onWhite > onInk ? "#FFFFFF" : COLORS.ink;
}

/** A label formatter that leaves out values too small for their bar to hold the text. */
function fitLabel(minValue: number, percent: boolean) {
  return (p: { value?: unknown }) => {
    const v = typeof p.value === "number" ? p.value : Number(p.value);
    if (!Number.isFinite(v) || v === 0 || v < minValue) return "";
    return percent ? `${v}%` : String(v);
  };
}

/** The largest stack (or single value) of a panel. */
function maxTotal(panel: Panel): number {
  const totals = new Map<string, number[]>();
  let max = 0;
  panel.series.forEach((s, i) => {
    const key = s.stack ?? `#${i}`;
    const acc = totals.get(key) ?? [];
    s.data.forEach((v, j) => {
      acc[j] = (acc[j] ?? 0) + (v ?? 0);
      max = Math.max(max, acc[j] ?? 0);
    });
    totals.set(key, acc);
  });
  return max;
}

/** A label on a line point: on a white patch so it reads over bars and grid lines. */
function pointLabel(color: string, percent: boolean) {
  return {
    show: true,
    position: "top" as const,
    distance: 6,
    fontSize: TYPE.label - 1,
    color,
    backgroundColor: "rgba(255,255,255,0.85)",
    padding: [1, 3],
    borderRadius: 3,
    formatter: percent ? "{c}%" : "{c}",
  };
}

/**
 * A chart of one or more panels stacked top to bottom under one title and one
 * legend (series of the same name share an entry, so give them the same
 * colour). Lays out in pixels so nothing overlaps at phone size, and returns
 * the option with the size to render it at.
 */
export function panelChart(chart: PanelChart): ChartSpec {
  const width = chart.width ?? DEFAULT_SIZE.width;
  const titles: TitleComponentOption[] = [];
  const grids: GridComponentOption[] = [];
  const xAxes: XAXisComponentOption[] = [];
  const yAxes: YAXisComponentOption[] = [];
  const series: (BarSeriesOption | LineSeriesOption)[] = [];

  // Title and subtitle.
  let y = PAD;
  titles.push({
    text: chart.title,
    subtext: chart.subtitle,
    left: PAD,
    top: y,
    padding: 0,
    itemGap: 8,
    textStyle: { fontSize: TYPE.title, fontWeight: "bold", color: COLORS.ink },
    subtextStyle: { fontSize: TYPE.subtitle, color: COLORS.muted },
  });
  y += TYPE.title + 6 + (chart.subtitle ? 8 + TYPE.subtitle + 4 : 0) + 14;

  // One legend for all panels.
  const names: string[] = [];
  for (const p of chart.panels) {
    for (const s of p.series) if (!names.includes(s.name)) names.push(s.name);
    if (p.kind === "bar" && p.line && !names.includes(p.line.name)) names.push(p.line.name);
  }
  const legendWidth = width - 2 * PAD;
  const showLegend = chart.legend !== false && names.length > 0;
  const legend: LegendComponentOption = {
    show: showLegend,
    data: names,
    left: PAD,
    top: y,
    width: legendWidth,
    padding: 0,
    itemWidth: LEGEND_ITEM.icon,
    itemHeight: LEGEND_ITEM.iconHeight,
    itemGap: LEGEND_ITEM.between,
    textStyle: { fontSize: TYPE.legend, color: COLORS.ink },
  };
  if (showLegend) {
    const rows = legendRows(names, legendWidth);
    y += rows * TYPE.legend + (rows - 1) * LEGEND_ITEM.between + 16;
  }

  // Horizontal panels share one label column, so their bars line up.
  const rowLabels = chart.panels.flatMap((p) =>
    p.kind === "bar" && p.horizontal ? p.categories.map((c) => textWidth(c, TYPE.label)) : [],
  );
  const labelColumn = Math.min(Math.max(0, ...rowLabels) + 4, Math.floor(width * 0.4));

  chart.panels.forEach((panel, index) => {
    if (panel.heading) {
      y += 12;
      titles.push({
        text: panel.heading,
        left: PAD,
        top: y,
        padding: 0,
        textStyle: { fontSize: TYPE.heading, fontWeight: "bold", color: COLORS.ink },
      });
      y += TYPE.heading + 6;
    }
    const horizontal = panel.kind === "bar" && panel.horizontal === true;
    const line = panel.kind === "bar" && !horizontal ? panel.line : undefined;
    const percent = panel.percent === true;
    const axisMax = percent ? 100 : undefined;
    const axisLabel = percent
      ? { fontSize: TYPE.label, color: COLORS.muted, formatter: percentLabel }
      : { fontSize: TYPE.label, color: COLORS.muted };

    // Above the plot: the value axis name (vertical plots), or half a label.
    const nameAbove = !horizontal && (panel.valueName || line?.valueName);
    const top = y + (nameAbove ? TYPE.label + 14 : TYPE.label);
    let left: number;
    let right: number;
    let plotHeight: number;
    let below = TYPE.label + 16; // the category or value labels under the plot
    if (horizontal) {
      left = PAD + labelColumn + AXIS_LABEL_GAP;
      // Room for half the last axis label, or for value labels right of the bars.
      const outside = panel.series.some((s) => s.labels && !s.stack);
      const widest = textWidth(percent ? "100%" : "00000", TYPE.label);
      right = PAD + (outside ? widest : widest / 2);
      plotHeight = Math.max(1, panel.categories.length) * ROW;
      if (panel.valueName) below += TYPE.label + 8;
    } else {
      left = PAD + textWidth(percent ? "100%" : "00000", TYPE.label) + AXIS_LABEL_GAP;
      right = PAD + (line ? textWidth("100%", TYPE.label) + AXIS_LABEL_GAP : 12);
      plotHeight = PLOT;
    }
    grids.push({ left, right, top, height: plotHeight, outerBoundsMode: "none" });
    y = top + plotHeight + below;

    // Labels inside stacked bars only where the bar is longer than the text.
    const plotLength = horizontal ? width - left - right : plotHeight;
    const max = axisMax ?? Math.max(1, maxTotal(panel));
    const labelRoom = horizontal
      ? textWidth(percent ? "100%" : "000", TYPE.label) + 6
      : TYPE.label + 4;
    const minLabelValue = (labelRoom / plotLength) * max;

    const valueAxis = {
      type: "value" as const,
      gridIndex: index,
      min: 0,
      max: axisMax,
      minInterval: 1,
      name: panel.valueName,
      nameLocation: horizontal ? ("middle" as const) : ("end" as const),
      nameGap: horizontal ? TYPE.label + 14 : 12,
      nameTextStyle: {
        fontSize: TYPE.label,
        color: COLORS.muted,
        align: horizontal ? ("center" as const) : ("left" as const),
      },
      axisLabel,
      splitLine: { lineStyle: { color: COLORS.rule } },
    };
    const categoryAxis = {
      type: "category" as const,
      gridIndex: index,
      data: [...panel.categories],
      axisLabel: {
        fontSize: TYPE.label,
        color: COLORS.ink,
        interval: 0,
        ...(horizontal ? { width: labelColumn, overflow: "truncate" as const } : {}),
      },
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLORS.muted } },
      inverse: horizontal, // first category on top
    };
    if (horizontal) {
      xAxes.push(valueAxis);
      yAxes.push(categoryAxis);
    } else {
      xAxes.push(categoryAxis);
      yAxes.push(valueAxis);
    }
    const axes = { xAxisIndex: index, yAxisIndex: yAxes.length - 1 };

    for (const s of panel.series) {
      // Every series gets its colour here, so inside labels can pick a readable ink.
      const color = s.color ?? PALETTE[series.length % PALETTE.length]!;
      if (panel.kind === "bar") {
        series.push({
          type: "bar",
          name: s.name,
          data: [...s.data],
          ...axes,
          itemStyle: { color },
          stack: s.stack ? `${index}:${s.stack}` : undefined, // stacks never span panels
          barMaxWidth: horizontal ? 22 : 48,
          label: s.labels
            ? {
                show: true,
                position: s.stack ? "inside" : horizontal ? "right" : "top",
                fontSize: TYPE.label - 1,
                color: s.stack ? labelColorOn(color) : COLORS.ink,
                formatter: fitLabel(s.stack ? minLabelValue : 0, percent),
              }
            : undefined,
        });
      } else {
        series.push({
          type: "line",
          name: s.name,
          data: [...s.data],
          ...axes,
          symbolSize: 8,
          itemStyle: { color },
          lineStyle: { width: 3, color },
          label: s.labels ? pointLabel(color, percent) : undefined,
          labelLayout: { hideOverlap: true },
        });
      }
    }
    if (line) {
      const color = line.color ?? COLORS.ink;
      yAxes.push({
        type: "value",
        gridIndex: index,
        position: "right",
        min: 0,
        max: line.percent ? 100 : undefined,
        name: line.valueName,
        nameTextStyle: { fontSize: TYPE.label, color: COLORS.muted, align: "right" },
        axisLabel: line.percent
          ? { fontSize: TYPE.label, color: COLORS.muted, formatter: percentLabel }
          : { fontSize: TYPE.label, color: COLORS.muted },
        splitLine: { show: false },
      });
      series.push({
        type: "line",
        name: line.name,
        data: [...line.data],
        xAxisIndex: index,
        yAxisIndex: yAxes.length - 1,
        symbolSize: 8,
        z: 3,
        itemStyle: { color },
        lineStyle: { width: 3, color },
        label: line.labels ? pointLabel(color, line.percent === true) : undefined,
        labelLayout: { hideOverlap: true },
      });
    }
  });

  const option: ChartOption = {
    title: titles,
    legend,
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    series,
  };
  return { option, size: { width, height: Math.ceil(y + PAD / 2) } };
}

/** "2026-11-22" as a short axis label, from the locale's `chart-date` ("11/22"). */
export function dateLabel(t: Translate, date: string): string {
  const [, month, day] = date.split("-");
  return t("chart-date", { month: String(Number(month)), day: String(Number(day)) });
}

/** A share as a whole percent, rounded down (99.6 % never reads as 100 %). */
export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.floor((part * 100) / whole);
}
