/**
 * /groupbuy: a guided conversation for workers and coordinators to open a
 * group buy or a free distribution: kind, title, items (with prices and
 * limits), who it is for, the deadline, door delivery or pickup, then a
 * preview of exactly what one household receives with the counts, and a
 * confirmation. Any step can be redone from the preview.
 */
import { InlineKeyboard } from "grammy";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import {
  chooseButton,
  defineConversation,
  type Question,
  question,
  staleButton,
} from "../../bot/conversation.js";
import { dateTime } from "../../bot/format.js";
import { holds } from "../../bot/permissions.js";
import {
  type BuyKind,
  type Delivery,
  deadlineProblem,
  type ItemSpec,
  PICKUP_MAX,
  parseItems,
  TITLE_MAX,
} from "../../domain/groupbuy.js";
import { parseTarget } from "../../domain/notice-target.js";
import type { Role } from "../../domain/roles.js";
import { parseWhen } from "../../domain/schedule.js";
import {
  type ComposeChoice,
  cardText,
  composeButton,
  groupbuyButtons,
  previewKeyboard,
  startingLines,
} from "./render.js";
import {
  announcementTime,
  audienceCounts,
  type BuyDraft,
  draftBuy,
  openBuy,
  unknownBuildings,
} from "./service.js";

/** Spaces collapsed; the worker's own punctuation (，（）) kept as typed. */
const oneLine = (raw: string) => raw.replace(/\s+/g, " ").trim();

/** Its own buttons: the composer's choices. */
const OWN = [groupbuyButtons.compose];

/** Who may open a buy (checked again at the last step: a role may be taken back meanwhile). */
export const OPENERS: readonly Role[] = ["worker", "coordinator"];

async function composeBuy(conversation: BotConversation, ctx: ConvContext) {
  await ctx.reply(ctx.t("gb-ask-kind"), {
    reply_markup: new InlineKeyboard()
      .text(...composeButton(ctx.t("gb-kind-buy"), "buy"))
      .text(...composeButton(ctx.t("gb-kind-free"), "free")),
  });
  const kind: BuyKind = await choose(conversation, ["buy", "free"] as const);
  const draft: BuyDraft = {
    kind,
    title: await askTitle(conversation, ctx),
    items: await askItems(conversation, ctx, kind),
    target: await askTarget(conversation, ctx),
    deadline: await askDeadline(conversation, ctx, kind),
    delivery: "door",
    pickup: null,
  };
  Object.assign(draft, await askDelivery(conversation, ctx));

  for (;;) {
    const choice = await preview(conversation, ctx, draft);
    if (choice === "send") break;
    if (choice === "cancel") {
      await ctx.reply(ctx.t("cancelled"));
      return;
    }
    if (choice === "title") draft.title = await askTitle(conversation, ctx);
    if (choice === "items") draft.items = await askItems(conversation, ctx, draft.kind);
    if (choice === "target") draft.target = await askTarget(conversation, ctx);
    if (choice === "deadline") draft.deadline = await askDeadline(conversation, ctx, draft.kind);
    if (choice === "delivery") Object.assign(draft, await askDelivery(conversation, ctx));
  }

  const sender = ctx.from?.id as number;
  const bot = ctx.me.username;
  // The role is checked again as it is used, on the update that confirms.
  const opened = await conversation.external((c) =>
    holds(c, OPENERS) ? openBuy(c.deps, draft, sender, bot) : null,
  );
  if (!opened) {
    await ctx.reply(ctx.t("conv-role-gone"));
    return;
  }
  await ctx.reply(
    ctx.t(draft.kind === "free" ? "gb-opened-free" : "gb-opened-buy", {
      id: opened.id,
      households: opened.counts.households,
      recipients: opened.counts.recipients,
      unreachable: opened.counts.unreachable,
      time: dateTime(draft.deadline, ctx.deps.config.timezone),
    }),
  );
}

/** Opening a buy or a free distribution. */
export const GROUPBUY_COMPOSER = defineConversation("groupbuy", composeBuy, {
  rolesNeeded: () => OPENERS,
});

/** The next plain text answer to this question; a stale button or anything else is asked again. */
async function textAnswer(
  ask: Question,
  again: string,
): Promise<{ text: string; answer: ConvContext }> {
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text !== undefined && text.trim() !== "") return { text, answer };
    if (answer.callbackQuery) await staleButton(answer);
    else await answer.reply(answer.t(again));
  }
}

async function askTitle(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  await ctx.reply(ctx.t("gb-ask-title", { max: TITLE_MAX }));
  const ask = question(conversation, OWN);
  for (;;) {
    const { text, answer } = await textAnswer(ask, "gb-text-expected");
    const title = oneLine(text);
    if ([...title].length <= TITLE_MAX) return title;
    await answer.reply(ctx.t("gb-title-too-long", { max: TITLE_MAX }));
  }
}

async function askItems(
  conversation: BotConversation,
  ctx: ConvContext,
  kind: BuyKind,
): Promise<ItemSpec[]> {
  await ctx.reply(ctx.t(kind === "free" ? "gb-ask-items-free" : "gb-ask-items-buy"));
  const ask = question(conversation, OWN);
  for (;;) {
    const { text, answer } = await textAnswer(ask, "gb-text-expected");
    const parsed = parseItems(text, kind);
    if (parsed.ok) return parsed.items;
    if (parsed.error !== "lines") {
      await answer.reply(ctx.t(`gb-items-${parsed.error}`));
      continue;
    }
    const lines = parsed.problems.map((p) =>
      ctx.t("gb-items-line", {
        line: p.line,
        text: p.text.slice(0, 40),
        problem: ctx.t(`gb-item-problem-${p.problem}`),
      }),
    );
    await answer.reply([ctx.t("gb-items-problems"), ...lines, ctx.t("gb-items-again")].join("\n"));
  }
}

async function askTarget(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  await ctx.reply(ctx.t("gb-ask-target"));
  const ask = question(conversation, OWN);
  for (;;) {
    const { text, answer } = await textAnswer(ask, "gb-text-expected");
    const parsed = parseTarget(text);
    if (!parsed.ok) {
      await answer.reply(ctx.t(`notice-target-${parsed.error}`, { part: parsed.part ?? "" }));
      continue;
    }
    const target = parsed.target;
    const check = await conversation.external(async (c) => ({
      unknown: await unknownBuildings(c.deps, target),
      households: (await audienceCounts(c.deps, text)).households,
    }));
    if (check.unknown.length > 0) {
      await answer.reply(
        ctx.t("notice-target-unknown-building", { buildings: check.unknown.join(", ") }),
      );
      continue;
    }
    if (check.households === 0) {
      await answer.reply(ctx.t("gb-target-nobody"));
      continue;
    }
    return text.trim();
  }
}

async function askDeadline(
  conversation: BotConversation,
  ctx: ConvContext,
  kind: BuyKind,
): Promise<string> {
  await ctx.reply(ctx.t(kind === "free" ? "gb-ask-deadline-free" : "gb-ask-deadline-buy"));
  const ask = question(conversation, OWN);
  for (;;) {
    const { text, answer } = await textAnswer(ask, "notice-time-format");
    // The injected clock, not Date.now(): replayed like any other outside call.
    const times = await conversation.external((c) => ({
      now: c.deps.clock.now().toISOString(),
      announced: announcementTime(c.deps).toISOString(),
    }));
    const when = parseWhen(text, new Date(times.now), ctx.deps.config.timezone);
    if (!when.ok) {
      await answer.reply(ctx.t(`notice-time-${when.error}`));
      continue;
    }
    if (deadlineProblem(when.at, new Date(times.announced))) {
      await answer.reply(
        ctx.t("gb-deadline-before-announcement", {
          time: dateTime(times.announced, ctx.deps.config.timezone),
        }),
      );
      continue;
    }
    return when.at.toISOString();
  }
}

async function askDelivery(
  conversation: BotConversation,
  ctx: ConvContext,
): Promise<{ delivery: Delivery; pickup: string | null }> {
  await ctx.reply(ctx.t("gb-ask-delivery"), {
    reply_markup: new InlineKeyboard()
      .text(...composeButton(ctx.t("gb-delivery-choice-door"), "door"))
      .text(...composeButton(ctx.t("gb-delivery-choice-pickup"), "pickup")),
  });
  const delivery = await choose(conversation, ["door", "pickup"] as const);
  if (delivery === "door") return { delivery, pickup: null };
  await ctx.reply(ctx.t("gb-ask-pickup", { max: PICKUP_MAX }));
  const ask = question(conversation, OWN);
  for (;;) {
    const { text, answer } = await textAnswer(ask, "gb-text-expected");
    const place = oneLine(text);
    if ([...place].length <= PICKUP_MAX) return { delivery, pickup: place };
    await answer.reply(ctx.t("gb-pickup-too-long", { max: PICKUP_MAX }));
  }
}

/** Waits for one of these composer buttons; anything else is asked again. */
const choose = <C extends ComposeChoice>(conversation: BotConversation, choices: readonly C[]) =>
  chooseButton(conversation, groupbuyButtons.compose, choices);

type PreviewChoice = "send" | "cancel" | "title" | "items" | "target" | "deadline" | "delivery";
const EDITS = ["title", "items", "target", "deadline", "delivery"] as const;

async function preview(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: BuyDraft,
): Promise<PreviewChoice> {
  const sender = ctx.from?.id as number;
  const facts = await conversation.external(async (c) => ({
    counts: await audienceCounts(c.deps, draft.target),
    now: c.deps.clock.now().toISOString(),
    announced: announcementTime(c.deps).toISOString(),
  }));
  const tz = ctx.deps.config.timezone;
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  const buy = { ...draftBuy(ctx.deps, draft, 0, sender), createdAt: facts.now };
  const items = draft.items.map((item, i) => ({ ...item, id: i + 1, position: i }));
  const card = {
    buy,
    items,
    order: { lines: startingLines(buy, items), delivered: false, paid: null },
    address: facts.counts.sample ?? "3-2-501",
  };
  await ctx.reply(ctx.t("gb-preview-intro"));
  await ctx.reply(cardText(t, tz, new Date(facts.now), card), {
    reply_markup: previewKeyboard(t, card),
  });
  const lines = [
    ctx.t("gb-preview-counts", {
      households: facts.counts.households,
      recipients: facts.counts.recipients,
      reachable: facts.counts.reachable,
      unreachable: facts.counts.unreachable,
    }),
  ];
  if (facts.announced !== facts.now) {
    lines.push(ctx.t("gb-preview-quiet", { time: dateTime(facts.announced, tz) }));
  }
  const expired = deadlineProblem(new Date(draft.deadline), new Date(facts.announced)) !== null;
  if (expired) lines.push(ctx.t("gb-preview-deadline-passed"));
  if (facts.counts.households === 0) lines.push(ctx.t("gb-target-nobody"));
  const keyboard = new InlineKeyboard()
    .text(...composeButton(ctx.t("gb-confirm-open"), "send"))
    .row();
  EDITS.forEach((edit, i) => {
    keyboard.text(...composeButton(ctx.t(`gb-edit-${edit}`), edit));
    if (i % 2 === 1) keyboard.row();
  });
  keyboard.row().text(...composeButton(ctx.t("gb-cancel"), "cancel"));
  await ctx.reply(lines.join("\n"), { reply_markup: keyboard });
  const choice: PreviewChoice = await choose(conversation, ["send", "cancel", ...EDITS]);
  // Time passed or residents left since the answers were checked: ask again.
  if (choice === "send" && expired) return "deadline";
  if (choice === "send" && facts.counts.households === 0) return "target";
  return choice;
}
