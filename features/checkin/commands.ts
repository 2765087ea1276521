/**
 * The daily health check-in: /checkin and the Report buttons (residents),
 * /checkin_remind (a private prompt every morning), /checkin_for (staff at
 * the door), /checkins (staff: today and a 7-day trend) and
 * /checkin_settings (admins).
 */

import { Composer } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import { chartTranslate, replyWithChart } from "../../bot/chart-photo.js";
import type { BotContext, BotDeps } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { privateOnly, requireRole } from "../../bot/permissions.js";
import { formatAddress, parseAddress } from "../../domain/address.js";
import { type CheckinStep, lastDates, parseSettingsArgs } from "../../domain/checkin-schedule.js";
import { computeCheckinSummary, computeTrend } from "../../domain/checkin-summary.js";
import type { Role } from "../../domain/roles.js";
import { localDate } from "../../domain/schedule.js";
import { cleanLine, splitMessage } from "../../domain/text.js";
import { unitsOf } from "../grid/index.js";
import type { CheckinChartData } from "./chart.js";
import { CHECKIN } from "./conversation.js";
import { checkinButtons, settingsText, summaryTexts } from "./render.js";
import { changeSettings, setMorningPrompt } from "./service.js";

/** Who may see the day's figures and record a reading for a household (admins too). */
export const CHECKIN_STAFF: readonly Role[] = ["worker", "coordinator", "volunteer"];
const TREND_DAYS = 7;

export const checkin = new Composer<BotContext>();

/** Into the reporting conversation: for registered residents; others are sent to /register. */
export async function startCheckin(ctx: BotContext): Promise<void> {
  if (!ctx.actor?.roles.has("resident")) {
    await ctx.reply(ctx.t("checkin-not-registered"));
    return;
  }
  await enterConversation(ctx, CHECKIN, null, false);
}

checkin.command("checkin", privateOnly(), (ctx) => startCheckin(ctx));

/** "Report now" under a private prompt or a reminder. */
onButton(checkin, checkinButtons.go, async (ctx) => {
  if (ctx.chat?.type !== "private") {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await startCheckin(ctx);
  await ctx.answerCallbackQuery();
});

checkin.command("checkin_remind", privateOnly(), async (ctx) => {
  const { storage } = ctx.deps;
  const userId = ctx.from?.id as number;
  if (!ctx.actor?.roles.has("resident")) {
    await ctx.reply(ctx.t("checkin-not-registered"));
    return;
  }
  const arg = cleanLine(ctx.match).toLowerCase();
  const time = (await storage.checkins.settings()).prompt;
  if (arg === "") {
    const on = await storage.checkins.isOptedIn(userId);
    await ctx.reply(ctx.t(on ? "checkin-remind-status-on" : "checkin-remind-status-off", { time }));
    return;
  }
  const on = ["on", "开", "开启", "打开"].includes(arg);
  const off = ["off", "关", "关闭"].includes(arg);
  if (!on && !off) {
    await ctx.reply(ctx.t("checkin-remind-usage"));
    return;
  }
  await setMorningPrompt(ctx.deps, userId, on);
  await ctx.reply(ctx.t(on ? "checkin-remind-on" : "checkin-remind-off", { time }));
});

checkin.command(
  "checkin_for",
  privateOnly(),
  requireRole("checkin.proxy", CHECKIN_STAFF),
  async (ctx) => {
    const arg = cleanLine(ctx.match);
    if (arg === "") {
      await ctx.reply(ctx.t("checkin-for-usage"));
      return;
    }
    const parsed = parseAddress(arg);
    if (!parsed.ok) {
      await ctx.reply(ctx.t("checkin-for-bad-address", { input: arg.slice(0, 40) }));
      return;
    }
    const household = await ctx.deps.storage.checkins.householdAt(parsed.address);
    if (!household) {
      await ctx.reply(ctx.t("checkin-for-unknown", { address: formatAddress(parsed.address) }));
      return;
    }
    await enterConversation(ctx, CHECKIN, household.id, true);
  },
);

/**
 * Today's summary and the trend of the last days, as the staff see it: the
 * whole community, or only the units `mine` accepts (`/checkins mine`).
 */
export async function todayReport(
  deps: BotDeps,
  locale: string,
  mine?: (a: { building: string; unit: string }) => boolean,
): Promise<{ texts: string[]; chart: CheckinChartData }> {
  const { storage, clock, config } = deps;
  const date = localDate(clock.now(), config.timezone);
  const dates = lastDates(date, TREND_DAYS);
  const all = await storage.checkins.households();
  const households = mine ? all.filter(mine) : all;
  const ids = new Set(households.map((h) => h.id));
  const readings = (await storage.checkins.forSummary(dates[0] as string, date)).filter(
    (r) => mine === undefined || ids.has(r.householdId),
  );
  const summary = computeCheckinSummary(date, households, readings);
  const trend = computeTrend(dates, households, readings);
  const settings = await storage.checkins.settings();
  return {
    texts: summaryTexts(deps, locale, summary, { trend, enabled: settings.enabled }),
    chart: { date, buildings: summary.buildings, trend },
  };
}

checkin.command(
  "checkins",
  privateOnly(),
  requireRole("checkin.view", CHECKIN_STAFF),
  async (ctx) => {
    const locale = await ctx.i18n.getLocale();
    const arg = cleanLine(ctx.match).toLowerCase();
    let mine: ((a: { building: string; unit: string }) => boolean) | undefined;
    if (arg === "mine" || arg === "我的") {
      // The units this worker looks after (the grid); none yet: say so.
      mine = await unitsOf(ctx.deps, ctx.from?.id as number);
      const any = mine !== undefined && (await ctx.deps.storage.checkins.households()).some(mine);
      if (!mine || !any) {
        await ctx.reply(ctx.t("checkin-mine-none"));
        return;
      }
      await ctx.reply(ctx.t("checkin-missing-mine"));
    }
    const report = await todayReport(ctx.deps, locale, mine);
    for (const chunk of report.texts) await ctx.reply(chunk);
    if (report.chart.buildings.length === 0) return; // nobody registered: nothing to draw
    await replyWithChart(
      ctx,
      // The chart code loads on first use (bot/chart-photo.ts).
      (await import("./chart.js")).checkinChart(report.chart, chartTranslate(ctx)),
      ctx.t("chart-checkin-caption", { days: report.chart.trend.length }),
      "checkin.png",
    );
  },
);

checkin.command(
  "checkin_settings",
  privateOnly(),
  requireRole("checkin.settings", ["admin"]),
  async (ctx) => {
    const { storage, clock, config } = ctx.deps;
    const current = await storage.checkins.settings();
    const parsed = parseSettingsArgs(ctx.match, current);
    const show = async (prefix?: string) => {
      const date = localDate(clock.now(), config.timezone);
      const runs = await storage.checkins.runsOn(date);
      const done = new Map(runs.map((r) => [r.step as CheckinStep, r.doneAt]));
      const groups = (await storage.checkins.promptedGroups(date)).size;
      const text = settingsText(
        ctx.deps,
        await ctx.i18n.getLocale(),
        await storage.checkins.settings(),
        done,
        groups,
      );
      for (const chunk of splitMessage(prefix ? `${prefix}\n\n${text}` : text))
        await ctx.reply(chunk);
    };
    if (!parsed.ok) {
      const value = (parsed.value ?? "").slice(0, 20);
      if (parsed.error === "order") {
        const s = parsed.settings ?? current;
        await ctx.reply(
          ctx.t("checkin-settings-order", {
            prompt: s.prompt,
            deadline: s.deadline,
            report: s.report,
          }),
        );
      } else if (parsed.error === "bad-time") {
        await ctx.reply(ctx.t("checkin-settings-bad-time", { value }));
      } else {
        await ctx.reply(
          `${ctx.t("checkin-settings-unknown", { value })}\n${ctx.t("checkin-settings-usage")}`,
        );
      }
      return;
    }
    if (parsed.kind === "show") return show();
    await changeSettings(ctx.deps, parsed.settings, parsed.changed, ctx.from?.id ?? null);
    await show(ctx.t("checkin-settings-saved"));
  },
);
