/**
 * Chart rendering: every sample chart of bench/chart-samples.ts (zh-CN and
 * English), median of 10 renders, the ECharts half (layout and SVG, on the
 * bot's thread) and the resvg half (SVG to PNG, in the worker) apart. The
 * first render also starts the worker (WebAssembly and 17 MB of font).
 */

import { closeChartRenderer, svgToPng } from "../bot/chart.js";
import { timeCharts } from "./chart-samples.js";
import { percentile } from "./machine.js";

export async function benchCharts(): Promise<string[]> {
  const started = performance.now();
  await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
  const lines = [`chart worker start: ${(performance.now() - started).toFixed(0)} ms`];
  for (const c of await timeCharts(10)) {
    const svg = percentile(
      [...c.svgMs].sort((a, b) => a - b),
      50,
    );
    const png = percentile(
      [...c.pngMs].sort((a, b) => a - b),
      50,
    );
    lines.push(
      `chart ${c.name} (${c.locale}, ${c.last.width}×${c.last.height} px): ` +
        `median ${(svg + png).toFixed(0)} ms (svg ${svg.toFixed(0)} + png ${png.toFixed(0)})`,
    );
  }
  await closeChartRenderer();
  return lines;
}
