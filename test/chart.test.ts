/**
 * The chart renderer: real ECharts, real resvg (WebAssembly, in its worker),
 * the packaged font. The PNG is decoded in full (test/png.ts), its size
 * checked, and the SVG it came from read for the texts people will see.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import {
  type ChartSpec,
  closeChartRenderer,
  legendRows,
  panelChart,
  renderChart,
  renderSpec,
  svgToPng,
  type Translate,
  TYPE,
} from "../bot/chart.js";
import { checkinChart } from "../bot/charts/checkin.js";
import { ledgerChart } from "../bot/charts/ledger.js";
import { noticeChart } from "../bot/charts/notice.js";
import { createI18n, type Locale } from "../bot/i18n.js";
import { volunteersChart } from "../features/volunteers/chart.js";
import { darkPixels, decodePng, PNG_SIGNATURE, pngSize, region } from "./png.js";

afterAll(() => closeChartRenderer());

const translators = new Map<Locale, Translate>();
function t(locale: Locale): Translate {
  let tr = translators.get(locale);
  if (!tr) {
    const i18n = createI18n(locale);
    tr = (key, vars) => i18n.t(locale, key, vars);
    translators.set(locale, tr);
  }
  return tr;
}

/** The text nodes of an SVG, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] as string)
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&"),
  );
}

/** The distinct y of the text nodes that show one of these strings (one per legend row). */
function rowsOf(svg: string, names: readonly string[]): number[] {
  const ys = new Set<number>();
  for (const m of svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)) {
    if (!names.includes((m[2] as string).replace(/&#39;/g, "'"))) continue;
    const y = /translate\([\d.]+ ([\d.]+)\)/.exec(m[1] as string)?.[1];
    if (y) ys.add(Number(y));
  }
  return [...ys];
}

async function rendered(spec: ChartSpec) {
  const chart = await renderSpec(spec);
  expect(chart.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(pngSize(chart.png)).toEqual({
    width: spec.size.width * 2,
    height: spec.size.height * 2,
  });
  const image = decodePng(chart.png);
  expect([chart.width, chart.height]).toEqual([image.width, image.height]);
  return { ...chart, image, texts: texts(chart.svg) };
}

// Small hand-made figures, so every expected label is worked out by hand.
const ledgerData = {
  dates: ["2026-11-21", "2026-11-22"],
  cells: [
    { date: "2026-11-21", category: "medicine", status: "solved", count: 2 },
    { date: "2026-11-21", category: "gas", status: "cant_do", count: 1 },
    { date: "2026-11-21", category: "gas", status: "done", count: 1 },
    { date: "2026-11-22", category: "medicine", status: "new", count: 1 },
    { date: "2026-11-22", category: "repair", status: "accepted", count: 3 },
    // Outside the days shown: not counted.
    { date: "2026-11-10", category: "repair", status: "new", count: 50 },
  ],
} as const;

const checkinData = {
  date: "2026-11-22",
  buildings: [
    { building: "1", households: 3, complete: 2, partial: 1 },
    { building: "2", households: 40, complete: 2, partial: 0 },
    { building: "12", households: 5, complete: 5, partial: 0 },
  ],
  trend: [
    { date: "2026-11-20", rate: 90 },
    { date: "2026-11-21", rate: 75 },
    { date: "2026-11-22", rate: 66 },
  ],
};

const noticeData = {
  id: 42,
  units: [
    { label: "3-1", confirmed: 12, unconfirmed: 5, queued: 0, unreachable: 3 },
    { label: "3-2", confirmed: 8, unconfirmed: 0, queued: 4, unreachable: 0 },
  ],
};

const volunteerData = {
  days: 7,
  teams: [
    { name: "送菜小组", hours: 12 },
    { name: "买药小组", hours: 30.25 },
  ],
  volunteers: [
    { name: "王秀英", hours: 20 },
    { name: "李建国", hours: 22.25 },
    { name: "张伟", hours: 0.5 },
  ],
  top: 2,
};

describe("renderChart", () => {
  it("draws a PNG twice the logical size that decodes, on white, with ink on it", async () => {
    const chart = await renderChart(
      {
        xAxis: { type: "category", data: ["a", "b", "c"] },
        yAxis: { type: "value" },
        series: [{ type: "bar", name: "n", data: [3, 1, 2] }],
      },
      { width: 300, height: 200 },
    );
    expect(pngSize(chart.png)).toEqual({ width: 600, height: 400 });
    const image = decodePng(chart.png);
    expect(image.rgba.subarray(0, 4)).toEqual(Buffer.from([255, 255, 255, 255]));
    // The three bars are drawn: far more than a few stray pixels are dark.
    expect(darkPixels(image, { x: 0, y: 0, width: 600, height: 400 }, 200)).toBeGreaterThan(5000);
  });

  it("renders at another scale, and several charts at once each get their own picture", async () => {
    const option = { title: { text: "x" } };
    const [a, b, c] = await Promise.all([
      renderChart(option, { width: 100, height: 80 }, 1),
      renderChart(option, { width: 120, height: 90 }, 3),
      renderChart(option, { width: 140, height: 60 }),
    ]);
    expect(pngSize(a!.png)).toEqual({ width: 100, height: 80 });
    expect(pngSize(b!.png)).toEqual({ width: 360, height: 270 });
    expect(pngSize(c!.png)).toEqual({ width: 280, height: 120 });
  });

  it("reports an SVG it can't draw, and goes on drawing the next", async () => {
    await expect(svgToPng("<svg")).rejects.toThrow(/chart rendering failed/);
    const next = await svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"/>');
    expect(pngSize(next.png)).toEqual({ width: 20, height: 10 });
  });

  /*
   * Whether Chinese comes out as Chinese. A font without the characters gives
   * either nothing (no glyph at all) or the same box for every character, so
   * the same characters in another order draw the very same pixels. Real
   * glyphs differ by character, so the order shows. The first half checks
   * that this test can fail: private-use characters, which the font lacks,
   * really do draw the same pixels in either order.
   */
  it("draws Chinese characters as their own glyphs, not boxes", async () => {
    const titleBand = { x: 0, y: 0, width: 400, height: 2 * (16 + TYPE.title + 8) };
    const draw = async (title: string) => {
      const chart = await renderSpec(panelChart({ title, panels: [], width: 200 }));
      return decodePng(chart.png);
    };

    const boxes = [await draw("\uE000\uE001\uE002\uE003"), await draw("\uE003\uE002\uE001\uE000")];
    expect(region(boxes[0]!, titleBand).equals(region(boxes[1]!, titleBand))).toBe(true);

    const [a, b] = [await draw("邻里互助"), await draw("助互里邻")];
    expect(region(a, titleBand).equals(region(b, titleBand))).toBe(false);
    // And there is ink: four bold 48-pixel glyphs, not a blank band.
    expect(darkPixels(a, titleBand)).toBeGreaterThan(1000);
  });
});

describe("the ledger chart", () => {
  it("shows categories and days by state, with the resolution rate (zh-CN)", async () => {
    const chart = await rendered(ledgerChart(ledgerData, t("zh-CN")));
    expect(chart.texts).toEqual(
      expect.arrayContaining([
        "近 2 天的求助",
        // 8 received (the old day is not shown), 3 done or solved.
        "收到 8 件，已办完 3 件，办结率 37%",
        "等人接手",
        "办理中",
        "已办完",
        "无法办理",
        "办结率",
        "按类别（现在的状态）",
        "买药（3）",
        "燃气（2）",
        "维修（3）",
        "其他（0）",
        "11/21",
        "11/22",
        // 11/21: 3 of 4 resolved; 11/22: none of 4.
        "75%",
        "0%",
        "件",
      ]),
    );
    expect(chart.texts.filter((s) => s.startsWith("chart-"))).toEqual([]);
  });

  it("speaks English, and says so when there were no requests", async () => {
    const en = await rendered(ledgerChart(ledgerData, t("en")));
    expect(en.texts).toEqual(
      expect.arrayContaining([
        "Requests, last 2 days",
        "8 received, 3 done: 37% resolved",
        "Can't be done",
        "Medicine (3)",
        "Repairs (3)",
      ]),
    );
    const empty = await rendered(ledgerChart({ dates: ["2026-11-22"], cells: [] }, t("en")));
    expect(empty.texts).toContain("No requests in these days");
  });
});

describe("the check-in chart", () => {
  it("shows completion per building and the trend", async () => {
    const chart = await rendered(checkinChart(checkinData, t("zh-CN")));
    expect(chart.texts).toEqual(
      expect.arrayContaining([
        "健康打卡 11/22",
        // 9 of 48 households complete: 18.75 %, rounded down like the text summary.
        "合计 48 户，报全 9 户（18%）",
        "1 栋",
        "2 栋",
        "12 栋",
        "报全",
        "没报全",
        "完成率",
        "近 3 天的完成率",
        // Building 1: 2 of 3 complete.
        "66%",
        // Trend points.
        "90%",
        "75%",
      ]),
    );
    // Building 2's 5 % bar is too short to hold its label.
    expect(chart.texts).not.toContain("5%");
    const en = await rendered(checkinChart(checkinData, t("en")));
    expect(en.texts).toEqual(
      expect.arrayContaining(["Bldg 12", "9 of 48 households complete (18%)", "Partly reported"]),
    );
  });
});

describe("the notice chart", () => {
  it("shows confirmed, unconfirmed, queued and unreachable per unit", async () => {
    const chart = await rendered(noticeChart(noticeData, t("zh-CN")));
    expect(chart.texts).toEqual(
      expect.arrayContaining([
        "通知 #42 送达情况",
        "合计 32 人：已确认 20，无法送达 3",
        "3-1",
        "3-2",
        "已确认",
        "已送达，未确认",
        "排队中",
        "无法送达",
        "人",
        // Counts inside the bars (the axis counts in fives).
        "12",
        "8",
        "4",
      ]),
    );
    const en = await rendered(noticeChart(noticeData, t("en")));
    expect(en.texts).toEqual(
      expect.arrayContaining(["Notice #42 delivery", "Delivered, not confirmed", "Not reachable"]),
    );
  });
});

describe("the volunteers chart", () => {
  it("shows hours per team and the top volunteers, most first", async () => {
    const chart = await rendered(volunteersChart(volunteerData, t("zh-CN")));
    expect(chart.texts).toEqual(
      expect.arrayContaining([
        "近 7 天的志愿服务",
        "3 位志愿者，共 42.8 小时",
        "各小组的时长",
        "时长最多的 2 位志愿者",
        "买药小组",
        "30.3",
        "李建国",
        "22.3",
      ]),
    );
    // Only the top 2 are shown, most hours first.
    expect(chart.texts).not.toContain("张伟");
    expect(chart.texts.indexOf("李建国")).toBeLessThan(chart.texts.indexOf("王秀英"));
  });
});

describe("layout", () => {
  it("plans the legend rows ECharts draws", async () => {
    const names = ["已送达，未确认", "Delivered, not confirmed", "排队中", "Not reachable"];
    const chart = (width: number) =>
      panelChart({
        title: "x",
        width,
        panels: [
          { kind: "bar", categories: ["a"], series: names.map((name) => ({ name, data: [1] })) },
        ],
      });
    const wide = chart(640);
    const narrow = chart(300);
    expect(legendRows(names, 640 - 32)).toBe(1);
    expect(legendRows(names, 300 - 32)).toBeGreaterThan(1);
    expect(rowsOf((await renderSpec(wide)).svg, names).length).toBe(1);
    const rows = rowsOf((await renderSpec(narrow)).svg, names);
    expect(rows.length).toBe(legendRows(names, 300 - 32));
    // The plot starts below the last row of the legend.
    const grid = (narrow.option.grid as { top: number }[])[0]!;
    expect(Math.max(...rows) + TYPE.legend / 2).toBeLessThan(grid.top);
  });

  it("uses no emoji in chart texts (the chart font has none)", () => {
    for (const locale of ["zh-CN", "en"]) {
      const file = readFileSync(
        new URL(`../locales/${locale}/charts.ftl`, import.meta.url),
        "utf8",
      );
      const values = file
        .split("\n")
        .filter((line) => /^chart-/.test(line))
        .join("\n");
      expect(values).not.toMatch(/\p{Extended_Pictographic}/u);
    }
  });
});
