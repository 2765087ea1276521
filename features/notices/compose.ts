/**
 * /notice: a guided conversation for workers. Text (formatting kept), target,
 * optional other versions for other targets, urgency, when, then a preview of
 * exactly what one resident receives with the recipient counts, and a
 * confirmation. Any step can be redone from the preview.
 */
import { InlineKeyboard } from "grammy";
import type { MessageEntity } from "grammy/types";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { chooseButton, defineConversation, question, staleButton } from "../../bot/conversation.js";
import { dateTime } from "../../bot/format.js";
import { holds } from "../../bot/permissions.js";
import { estimateDelivery, type PlanSummary } from "../../domain/notice-plan.js";
import { parseTarget } from "../../domain/notice-target.js";
import type { Role } from "../../domain/roles.js";
import { parseWhen } from "../../domain/schedule.js";
import { tallyReport } from "./job.js";
import {
  type ComposeChoice,
  composeButton,
  deliveryPayload,
  NOTICE_MAX,
  noticeButtons,
  reportKeyboard,
  reportText,
  residentButtons,
} from "./render.js";
import {
  type Draft,
  type DraftVersion,
  keepReport,
  previewCounts,
  publishNotice,
  unknownBuildings,
} from "./service.js";

/** Its own buttons: the composer's choices. */
const OWN = [noticeButtons.compose];
/** Who may compose and send a notice (admins always). */
const COMPOSERS: readonly Role[] = ["worker"];
const MAX_VERSIONS = 4;

async function composeNotice(
  conversation: BotConversation,
  ctx: ConvContext,
  supersedes?: number | null,
) {
  const draft: Draft = {
    versions: [],
    urgency: "normal",
    sendAt: null,
    supersedes: supersedes ?? null,
  };
  if (draft.supersedes !== null)
    await ctx.reply(ctx.t("notice-superseding", { id: draft.supersedes }));
  draft.versions.push(await askVersion(conversation, ctx, 0));
  await askMoreVersions(conversation, ctx, draft);
  draft.urgency = await askUrgency(conversation, ctx);
  draft.sendAt = await askWhen(conversation, ctx);

  // The recipients the preview counted: "Send it" announces them without counting again.
  let recipients = 0;
  for (;;) {
    const shown = await preview(conversation, ctx, draft);
    const choice = shown.choice;
    recipients = shown.recipients;
    if (choice === "send") break;
    if (choice === "cancel") {
      await ctx.reply(ctx.t("cancelled"));
      return;
    }
    if (choice === "text")
      draft.versions[0] = {
        ...(draft.versions[0] as DraftVersion),
        ...(await askText(conversation, ctx, 0)),
      };
    if (choice === "target")
      draft.versions[0] = {
        ...(draft.versions[0] as DraftVersion),
        target: await askTarget(conversation, ctx, 0),
      };
    if (choice === "versions") {
      draft.versions = draft.versions.slice(0, 1);
      await askMoreVersions(conversation, ctx, draft);
    }
    if (choice === "urgency") draft.urgency = await askUrgency(conversation, ctx);
    if (choice === "when") draft.sendAt = await askWhen(conversation, ctx);
  }

  // The role is checked again at the last step: it may have been taken back since /notice.
  const allowed = await conversation.external((c) => holds(c, COMPOSERS));
  if (!allowed) {
    await ctx.reply(ctx.t("notice-role-gone"));
    return;
  }
  const sender = ctx.from?.id as number;
  const bot = ctx.me.username;
  // Durable at once; the deliveries are written in chunks after this answer.
  const sent = await conversation.external((c) =>
    publishNotice(c.deps, draft, sender, bot, recipients),
  );
  await ctx.reply(
    ctx.t(draft.sendAt ? "notice-scheduled" : "notice-sent", {
      id: sent.id,
      count: sent.recipients,
    }),
  );
  const locale = await ctx.i18n.getLocale();
  const report = await conversation.external(async (c) => {
    const notice = await c.deps.storage.notices.get(sent.id);
    const deliveries = await tallyReport(c.deps.storage, sent.id);
    return notice ? reportText(c.deps, locale, notice, deliveries) : "";
  });
  const message = await ctx.reply(report, {
    reply_markup: reportKeyboard(ctx.deps, locale, sent.id),
  });
  await conversation.external((c) =>
    keepReport(c.deps, sent.id, message.chat.id, message.message_id),
  );
}

/** The composer: /notice, or /supersede with the notice it replaces. Workers (and admins) only. */
export const NOTICE_COMPOSER = defineConversation("notice", composeNotice, {
  rolesNeeded: () => COMPOSERS,
});

async function askText(conversation: BotConversation, ctx: ConvContext, version: number) {
  await ctx.reply(
    ctx.t(version === 0 ? "notice-ask-text" : "notice-ask-other-text", { max: NOTICE_MAX }),
  );
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined || text.trim() === "") {
      if (answer.callbackQuery) await staleButton(answer);
      else await answer.reply(ctx.t("notice-text-expected"));
      continue;
    }
    if (text.length > NOTICE_MAX) {
      await answer.reply(ctx.t("notice-too-long", { length: text.length, max: NOTICE_MAX }));
      continue;
    }
    return { text, entities: (answer.message?.entities ?? null) as MessageEntity[] | null };
  }
}

async function askTarget(
  conversation: BotConversation,
  ctx: ConvContext,
  version: number,
): Promise<string> {
  await ctx.reply(ctx.t(version === 0 ? "notice-ask-target" : "notice-ask-other-target"));
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined) {
      if (answer.callbackQuery) await staleButton(answer);
      else await answer.reply(ctx.t("notice-target-expected"));
      continue;
    }
    const parsed = parseTarget(text);
    if (!parsed.ok) {
      await answer.reply(ctx.t(`notice-target-${parsed.error}`, { part: parsed.part ?? "" }));
      continue;
    }
    const target = parsed.target;
    const check = await conversation.external(async (c) => ({
      unknown: await unknownBuildings(c.deps, target),
      count: (
        await previewCounts(c.deps, { versions: [{ target: text, text: "", entities: null }] })
      ).recipients,
    }));
    if (check.unknown.length > 0) {
      await answer.reply(
        ctx.t("notice-target-unknown-building", { buildings: check.unknown.join(", ") }),
      );
      continue;
    }
    if (check.count === 0) {
      await answer.reply(ctx.t("notice-target-nobody"));
      continue;
    }
    return text.trim();
  }
}

async function askVersion(
  conversation: BotConversation,
  ctx: ConvContext,
  version: number,
): Promise<DraftVersion> {
  const text = await askText(conversation, ctx, version);
  const target = await askTarget(conversation, ctx, version);
  return { ...text, target };
}

async function askMoreVersions(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: Draft,
): Promise<void> {
  while (draft.versions.length < MAX_VERSIONS) {
    const keyboard = new InlineKeyboard()
      .text(...composeButton(ctx.t("notice-add-version"), "more"))
      .text(...composeButton(ctx.t("notice-no-more-versions"), "nomore"));
    await ctx.reply(ctx.t("notice-ask-more-versions"), { reply_markup: keyboard });
    const choice = await choose(conversation, ["more", "nomore"]);
    if (choice === "nomore") return;
    draft.versions.push(await askVersion(conversation, ctx, draft.versions.length));
  }
}

async function askUrgency(
  conversation: BotConversation,
  ctx: ConvContext,
): Promise<"normal" | "urgent"> {
  const keyboard = new InlineKeyboard()
    .text(...composeButton(ctx.t("notice-normal"), "normal"))
    .text(...composeButton(ctx.t("notice-urgent"), "urgent"));
  await ctx.reply(ctx.t("notice-ask-urgency"), { reply_markup: keyboard });
  return choose(conversation, ["normal", "urgent"] as const);
}

async function askWhen(conversation: BotConversation, ctx: ConvContext): Promise<string | null> {
  const keyboard = new InlineKeyboard()
    .text(...composeButton(ctx.t("notice-now"), "now"))
    .text(...composeButton(ctx.t("notice-later"), "later"));
  await ctx.reply(ctx.t("notice-ask-when"), { reply_markup: keyboard });
  if ((await choose(conversation, ["now", "later"])) === "now") return null;
  await ctx.reply(ctx.t("notice-ask-time"));
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined) {
      if (answer.callbackQuery) await staleButton(answer);
      else await answer.reply(ctx.t("notice-time-format"));
      continue;
    }
    // The injected clock, not Date.now(): replayed like any other outside call.
    const now = await conversation.external((c) => c.deps.clock.now().toISOString());
    const when = parseWhen(text, new Date(now), ctx.deps.config.timezone);
    if (!when.ok) {
      await answer.reply(ctx.t(`notice-time-${when.error}`));
      continue;
    }
    return when.at.toISOString();
  }
}

/**
 * "Delivery: about 4 minutes for 7,546 residents": the private messages at
 * the rate their lane goes (normal notices: the paid rate when paid
 * broadcasts are on; urgent ones: the free rate).
 */
function estimateLine(ctx: ConvContext, draft: Draft, messages: number): string {
  const { sendRate, paidBroadcast } = ctx.deps.config;
  const paid = paidBroadcast.enabled && draft.urgency === "normal";
  const estimate = estimateDelivery(messages, paid ? paidBroadcast.ratePerSecond : sendRate);
  return ctx.t(`notice-preview-estimate-${estimate.unit}`, {
    hours: estimate.unit === "hours" ? estimate.hours : 0,
    minutes: estimate.unit === "seconds" ? 0 : estimate.minutes,
    count: messages,
    paid: paid ? "yes" : "no",
  });
}

/** Waits for one of these composer buttons; anything else is asked again. */
const choose = <C extends ComposeChoice>(conversation: BotConversation, choices: readonly C[]) =>
  chooseButton(conversation, noticeButtons.compose, choices);

type PreviewChoice = "send" | "cancel" | "text" | "target" | "versions" | "urgency" | "when";
const EDITS: readonly PreviewChoice[] = ["text", "target", "versions", "urgency", "when"];

async function preview(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: Draft,
): Promise<{ choice: PreviewChoice; recipients: number }> {
  const summary: PlanSummary = await conversation.external((c) => previewCounts(c.deps, draft));
  const first = draft.versions[0] as DraftVersion;
  const locale = await ctx.i18n.getLocale();
  const sample = deliveryPayload(
    residentButtons(ctx.deps, locale, null),
    summary.sampleAddress ?? "3-2-501",
    first.text,
    first.entities,
  );
  await ctx.reply(ctx.t("notice-preview-intro"));
  await ctx.reply(sample.text, { entities: sample.entities, reply_markup: sample.reply_markup });
  const lines = [
    ctx.t("notice-preview-counts", {
      recipients: summary.recipients,
      reachable: summary.reachable,
      unreachable: summary.unreachable,
    }),
  ];
  if (draft.versions.length > 1) {
    draft.versions.forEach((v, i) => {
      lines.push(
        ctx.t("notice-preview-version", {
          n: i + 1,
          target: v.target,
          count: summary.perVersion[i] ?? 0,
        }),
      );
    });
  }
  lines.push(
    ctx.t(draft.urgency === "urgent" ? "notice-preview-urgent" : "notice-preview-normal"),
    draft.sendAt
      ? ctx.t("notice-preview-at", {
          time: dateTime(new Date(draft.sendAt), ctx.deps.config.timezone),
        })
      : ctx.t("notice-preview-now"),
  );
  if (summary.reachable > 0) lines.push(estimateLine(ctx, draft, summary.reachable));
  const keyboard = new InlineKeyboard()
    .text(...composeButton(ctx.t("notice-confirm-send"), "send"))
    .row();
  EDITS.forEach((edit, i) => {
    keyboard.text(...composeButton(ctx.t(`notice-edit-${edit}`), edit));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(...composeButton(ctx.t("notice-cancel"), "cancel"));
  if (summary.recipients === 0) lines.push(ctx.t("notice-target-nobody"));
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
  const choice: PreviewChoice = await choose(conversation, ["send", "cancel", ...EDITS]);
  // Residents may have left since the target was checked: ask for it again.
  return {
    choice: choice === "send" && summary.recipients === 0 ? "target" : choice,
    recipients: summary.recipients,
  };
}
