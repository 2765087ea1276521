/**
 * The charts' font, without loading the chart code (bot/chart.ts loads
 * ECharts, about 30 MiB, only when a chart is drawn; the dashboard serves
 * these files without it).
 *
 * Noto Sans CJK SC ("Noto Sans Hans", OFL) from @embedpdf/fonts-sc: OpenType
 * files resvg can read (it can't read woff2). Its Latin letters and digits
 * come from Source Sans, so English charts use the same font. Regular and
 * Bold only (titles are bold).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const FONT_FAMILY = "Noto Sans Hans";

function fontFiles(): string[] {
  // The package exports only its JS entry; the fonts sit beside it.
  const entry = createRequire(import.meta.url).resolve("@embedpdf/fonts-sc");
  const dir = join(dirname(entry), "..", "fonts");
  return [join(dir, "NotoSansHans-Regular.otf"), join(dir, "NotoSansHans-Bold.otf")];
}

/** Regular and Bold, OpenType (also served to the dashboard as its fallback CJK font). */
export const FONT_FILES = fontFiles();
