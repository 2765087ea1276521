/**
 * Notices: /notice and /supersede (workers), the residents' buttons (Got it,
 * I have a question), /notices (residents), /report with its Remind and CSV
 * buttons, and /tag /untag for free household tags such as `sealed`.
 */
import { type CallbackQueryContext, Composer, InputFile } from "grammy";
import { onButton } from "../../bot/callback-data.js";
import { chartTranslate, replyWithChart } from "../../bot/chart-photo.js";
import type { BotContext } from "../../bot/context.js";
import { enterConversation } from "../../bot/conversation.js";
import { dateTime } from "../../bot/format.js";
import { tierOfActor, wouldAllow } from "../../bot/limits.js";
import { holds, privateOnly, refuse, requireRole } from "../../bot/permissions.js";
import { parseTarget } from "../../domain/notice-target.js";
import { splitMessage } from "../../domain/text.js";
import { unitsOf } from "../grid/index.js";
import { NOTICE_COMPOSER } from "./compose.js";
import { NOTICE_QUESTION } from "./question.js";
import { noticeButtons, reportCsv, reportKeyboard, reportText } from "./render.js";
import {
  confirmNotice,
  keepReport,
  recordCsvDownload,
  remindUnconfirmed,
  tagHouseholds,
} from "./service.js";

export const notices = new Composer<BotContext>();

notices.command("notice", privateOnly(), requireRole("notice.compose", ["worker"]), async (ctx) => {
  await enterConversation(ctx, NOTICE_COMPOSER, null);
});

notices.command(
  "supersede",
  privateOnly(),
  requireRole("notice.compose", ["worker"]),
  async (ctx) => {
    const id = Number(ctx.match.trim().replace(/^#/, ""));
    const notice =
      Number.isInteger(id) && id > 0 ? await ctx.deps.storage.notices.get(id) : undefined;
    if (!notice) {
      await ctx.reply(ctx.t("notice-unknown", { id: ctx.match.trim().slice(0, 12) || "?" }));
      return;
    }
    if (notice.status !== "active") {
      await ctx.reply(ctx.t("notice-already-superseded", { id, by: notice.supersededBy ?? "?" }));
      return;
    }
    await enterConversation(ctx, NOTICE_COMPOSER, id);
  },
);

/** "Got it": only the recipient's own press counts; a second press says so and changes nothing. */
onButton(notices, noticeButtons.ok, async (ctx, { id }) => {
  const result = await confirmNotice(ctx.deps, id, ctx.from.id);
  await ctx.answerCallbackQuery({
    text: ctx.t(`notice-confirm-${result}`),
    show_alert: result === "not-recipient",
  });
});

onButton(notices, noticeButtons.question, async (ctx, { id }) => {
  if (!(await ctx.deps.storage.notices.delivery(id, ctx.from.id))) {
    await ctx.answerCallbackQuery({
      text: ctx.t("notice-confirm-not-recipient"),
      show_alert: true,
    });
    return;
  }
  // Over the limit on questions, say so now rather than after they have written one.
  if (!(await wouldAllow(ctx.deps, "question", ctx.from.id, tierOfActor(ctx)))) {
    await ctx.answerCallbackQuery({ text: ctx.t("notice-question-limited"), show_alert: true });
    return;
  }
  await enterConversation(ctx, NOTICE_QUESTION, id);
  await ctx.answerCallbackQuery();
});

onButton(notices, noticeButtons.preview, (ctx) =>
  ctx.answerCallbackQuery({ text: ctx.t("notice-preview-button") }),
);

/** /notices: what is in force for the resident's unit, newest first. */
notices.command("notices", privateOnly(), async (ctx) => {
  const list = await ctx.deps.storage.notices.inForceFor(ctx.from?.id as number);
  if (list.length === 0) {
    await ctx.reply(ctx.t("notices-none"));
    return;
  }
  const parts = list.map((n) =>
    [
      ctx.t("notices-item", {
        id: n.id,
        time: dateTime(new Date(n.sendAt), ctx.deps.config.timezone),
        confirmed: n.confirmedAt ? ctx.t("notices-confirmed") : ctx.t("notices-unconfirmed"),
      }),
      `【${n.address}】`,
      n.text,
    ].join("\n"),
  );
  for (const chunk of splitMessage(`${ctx.t("notices-title")}\n\n${parts.join("\n\n")}`))
    await ctx.reply(chunk);
});

/**
 * /report [id]: a fresh live report, for the newest notice of this worker or
 * the one named. `/report [id] mine`: only the units this worker looks after
 * (the grid), as it stands now (not kept live; Remind and CSV stay on the
 * whole report).
 */
notices.command("report", privateOnly(), requireRole("notice.report", ["worker"]), async (ctx) => {
  const { storage } = ctx.deps;
  const words = ctx.match
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  const mineWanted = words.some((w) => w.toLowerCase() === "mine" || w === "我的");
  const arg = (words.find((w) => w.toLowerCase() !== "mine" && w !== "我的") ?? "").replace(
    /^#/,
    "",
  );
  const notice = arg
    ? await storage.notices.get(Number(arg) || 0)
    : ((await storage.notices.recent(1, ctx.from?.id))[0] ?? (await storage.notices.recent(1))[0]);
  if (!notice) {
    await ctx.reply(arg ? ctx.t("notice-unknown", { id: arg.slice(0, 12) }) : ctx.t("report-none"));
    return;
  }
  const locale = await ctx.i18n.getLocale();
  if (mineWanted) {
    const mine = await unitsOf(ctx.deps, ctx.from?.id as number);
    const deliveries = mine ? (await storage.notices.deliveries(notice.id)).filter(mine) : [];
    if (deliveries.length === 0) {
      await ctx.reply(ctx.t("report-mine-none"));
      return;
    }
    await ctx.reply(`${ctx.t("report-mine")}\n${reportText(ctx.deps, locale, notice, deliveries)}`);
    return;
  }
  const deliveries = await storage.notices.deliveries(notice.id);
  const text = reportText(ctx.deps, locale, notice, deliveries);
  const message = await ctx.reply(text, {
    reply_markup: reportKeyboard(ctx.deps, locale, notice.id),
  });
  await keepReport(ctx.deps, notice.id, message.chat.id, message.message_id);
  // The chart is a picture of this moment; the text above stays live.
  if (deliveries.length === 0) return;
  await replyWithChart(
    ctx,
    // The chart code loads on first use (bot/chart-photo.ts).
    await (async () => {
      const { noticeChart, noticeChartData } = await import("./chart.js");
      return noticeChart(noticeChartData(notice.id, deliveries), chartTranslate(ctx));
    })(),
    ctx.t("chart-notice-caption", {
      id: notice.id,
      time: dateTime(ctx.deps.clock.now(), ctx.deps.config.timezone),
    }),
    `notice-${notice.id}.png`,
  );
});

/** The report's buttons: the CSV, and one reminder to those who haven't confirmed. Workers only. */
async function reportButton(
  ctx: CallbackQueryContext<BotContext>,
  action: "remind" | "csv",
  id: number,
): Promise<void> {
  if (!holds(ctx, ["worker"])) return refuse(ctx, `notice.${action}`, ["worker"]);
  const { storage } = ctx.deps;
  const notice = await storage.notices.get(id);
  if (!notice) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  if (action === "csv") {
    const locale = await ctx.i18n.getLocale();
    const deliveries = await storage.notices.deliveries(id);
    await ctx.replyWithDocument(
      new InputFile(Buffer.from(reportCsv(ctx.deps, locale, deliveries)), `notice-${id}.csv`),
    );
    await recordCsvDownload(ctx.deps, id, ctx.from.id);
    await ctx.answerCallbackQuery();
    return;
  }
  const outcome = await remindUnconfirmed(ctx.deps, id, ctx.from.id);
  await ctx.answerCallbackQuery({
    text:
      "sent" in outcome
        ? ctx.t("report-remind-sent", { count: outcome.sent })
        : ctx.t(`report-remind-${outcome.refused}`),
    show_alert: true,
  });
}

onButton(notices, noticeButtons.remind, (ctx, { id }) => reportButton(ctx, "remind", id));
onButton(notices, noticeButtons.csv, (ctx, { id }) => reportButton(ctx, "csv", id));

/** /tag sealed 3-2 and /untag sealed 3-2: free tags on households, for notice targets. */
for (const command of ["tag", "untag"] as const) {
  notices.command(
    command,
    privateOnly(),
    requireRole(`household.${command}`, ["worker"]),
    async (ctx) => {
      const [rawTag, ...rest] = ctx.match.trim().split(/\s+/);
      const tag = (rawTag ?? "").replace(/^[#＃]/, "").toLowerCase();
      const target = parseTarget(rest.join(" "));
      if (!/^[\p{L}\p{N}_-]{1,30}$/u.test(tag) || !target.ok) {
        await ctx.reply(ctx.t("tag-usage", { command }));
        return;
      }
      const { changed, matched } = await tagHouseholds(
        ctx.deps,
        command,
        tag,
        { parsed: target.target, text: rest.join(" ") },
        ctx.from?.id as number,
      );
      await ctx.reply(ctx.t(`tag-done-${command}`, { tag, count: changed, matched }));
    },
  );
}
