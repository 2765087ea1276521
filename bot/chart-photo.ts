/**
 * A chart sent as a photo beside a text reply: rendered (bot/chart.ts), then
 * sent with a one-line caption. The text has already gone out, so a chart
 * that can't be drawn or sent costs the reader nothing but the picture: it is
 * logged, never answered with an error.
 */
import { InputFile } from "grammy";
import type { ChartSpec, Translate } from "./chart.js";
import type { BaseContext } from "./context.js";

/** The context's translations in the shape the chart builders take. */
export function chartTranslate(ctx: BaseContext): Translate {
  return (key, vars) => ctx.t(key, vars);
}

export async function replyWithChart(
  ctx: BaseContext,
  spec: ChartSpec,
  caption: string,
  filename: string,
): Promise<void> {
  try {
    // Loaded on first use: the chart code (ECharts) is about 30 MiB the bot
    // needn't hold until someone asks for a chart.
    const { renderSpec } = await import("./chart.js");
    const chart = await renderSpec(spec);
    await ctx.replyWithPhoto(new InputFile(chart.png, filename), { caption });
  } catch (err) {
    ctx.deps.logger.warn({ err, chart: filename }, "chart not sent");
  }
}
