/**
 * /queue_open: staff open a queue for a point (a shop, a testing point):
 * where, how many numbers there are today, how many ahead residents are told
 * "your number is near" (10 unless changed), optionally the goods with their
 * prices and photos, and whether to post it in the building groups. Then a
 * summary where any answer can be changed, and the staff's panel.
 */
import { asker, type Checked } from "../../bot/ask.js";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation } from "../../bot/conversation.js";
import { holds } from "../../bot/permissions.js";
import { formatFen, MONEY_MAX_FEN } from "../../domain/money.js";
import {
  CAPACITY_MAX,
  GOOD_NAME_MAX,
  GOODS_MAX,
  type Good,
  NEAR_DEFAULT,
  NEAR_MAX,
  POINT_MAX,
  parseGoods,
  parseWhole,
  QUEUE_PHOTOS_MAX,
} from "../../domain/queue.js";
import type { Role } from "../../domain/roles.js";
import { cleanLine } from "../../domain/text.js";
import { panelPayload, queueButtons, tr } from "./render.js";
import { openQueue, panel, type QueueDraft } from "./service.js";

const { choose, askText, askPhotos } = asker(queueButtons.answer);

/** Who may open and close a queue. */
export const QUEUE_OPENERS: readonly Role[] = ["worker", "coordinator"];

async function askPoint(conversation: BotConversation, ctx: ConvContext): Promise<string> {
  const point = await askText(conversation, ctx, "point", ctx.t("qu-ask-point"), (raw) => {
    const value = cleanLine(raw);
    if (value === "") return { ok: false, error: ctx.t("qu-text-empty") };
    if (value.length > POINT_MAX)
      return { ok: false, error: ctx.t("qu-point-too-long", { max: POINT_MAX }) };
    return { ok: true, value };
  });
  return point ?? "";
}

async function askCapacity(conversation: BotConversation, ctx: ConvContext): Promise<number> {
  const n = await askText(
    conversation,
    ctx,
    "capacity",
    ctx.t("qu-ask-capacity", { max: CAPACITY_MAX }),
    (raw): Checked<number> => {
      const value = parseWhole(raw, 1, CAPACITY_MAX);
      return value === undefined
        ? { ok: false, error: ctx.t("qu-capacity-bad", { max: CAPACITY_MAX }) }
        : { ok: true, value };
    },
  );
  return n ?? 1;
}

async function askNear(conversation: BotConversation, ctx: ConvContext): Promise<number> {
  const value = await choose(
    conversation,
    ctx,
    "near",
    ctx.t("qu-ask-near", { default: NEAR_DEFAULT }),
    [
      { value: "5", label: "5" },
      { value: String(NEAR_DEFAULT), label: ctx.t("qu-near-default", { n: NEAR_DEFAULT }) },
      { value: "20", label: "20" },
      { value: "other", label: ctx.t("qu-near-other") },
    ],
    4,
  );
  if (value !== "other") return Number(value);
  const n = await askText(
    conversation,
    ctx,
    "near-n",
    ctx.t("qu-ask-near-number", { max: NEAR_MAX }),
    (raw): Checked<number> => {
      const parsed = parseWhole(raw, 1, NEAR_MAX);
      return parsed === undefined
        ? { ok: false, error: ctx.t("qu-near-bad", { max: NEAR_MAX }) }
        : { ok: true, value: parsed };
    },
  );
  return n ?? NEAR_DEFAULT;
}

async function askGoods(conversation: BotConversation, ctx: ConvContext): Promise<Good[]> {
  const goods = await askText(
    conversation,
    ctx,
    "goods",
    ctx.t("qu-ask-goods", { max: GOODS_MAX }),
    (raw): Checked<Good[]> => {
      const parsed = parseGoods(raw);
      if (parsed.ok) return { ok: true, value: parsed.goods };
      const key = ["precision", "negative", "too-large"].includes(parsed.error)
        ? `money-${parsed.error}`
        : `qu-goods-${parsed.error}`;
      const error = ctx.t(key, {
        line: parsed.line ?? "",
        max: parsed.error === "too-large" ? formatFen(MONEY_MAX_FEN) : GOODS_MAX,
        name: GOOD_NAME_MAX,
      });
      return { ok: false, error: parsed.line ? `${error}\n${parsed.line}` : error };
    },
    ctx.t("qu-skip"),
  );
  return goods ?? [];
}

async function askGoodsPhotos(conversation: BotConversation, ctx: ConvContext): Promise<string[]> {
  return askPhotos(
    conversation,
    ctx,
    "photos",
    ctx.t("qu-ask-photos", { max: QUEUE_PHOTOS_MAX }),
    QUEUE_PHOTOS_MAX,
    { none: ctx.t("qu-photos-none"), done: ctx.t("qu-photos-done") },
  );
}

async function askAnnounce(conversation: BotConversation, ctx: ConvContext): Promise<boolean> {
  const value = await choose(
    conversation,
    ctx,
    "announce",
    ctx.t("qu-ask-announce"),
    [
      { value: "yes", label: ctx.t("qu-announce-yes") },
      { value: "no", label: ctx.t("qu-announce-no") },
    ],
    1,
  );
  return value === "yes";
}

type SummaryChoice =
  | "open"
  | "cancel"
  | "point"
  | "capacity"
  | "near"
  | "goods"
  | "photos"
  | "announce";
const EDITS = ["point", "capacity", "near", "goods", "photos", "announce"] as const;

async function summary(
  conversation: BotConversation,
  ctx: ConvContext,
  draft: QueueDraft,
): Promise<SummaryChoice> {
  const lines = [
    ctx.t("qu-summary-title"),
    ctx.t("qu-summary-point", { point: draft.point }),
    ctx.t("qu-summary-capacity", { capacity: draft.capacity }),
    ctx.t("qu-summary-near", { near: draft.near }),
    draft.goods.length > 0
      ? [
          ctx.t("qu-summary-goods"),
          ...draft.goods.map((g) => `${g.name} ${formatFen(g.priceFen)}`),
        ].join("\n")
      : ctx.t("qu-summary-no-goods"),
    ctx.t("qu-summary-photos", { count: draft.photos.length }),
    ctx.t(draft.announce ? "qu-summary-announce" : "qu-summary-no-announce"),
  ];
  return choose(
    conversation,
    ctx,
    "sum",
    lines.join("\n"),
    [
      { value: "open" as const, label: ctx.t("qu-summary-open") },
      ...EDITS.map((e) => ({ value: e, label: ctx.t(`qu-edit-${e}`) })),
      { value: "cancel" as const, label: ctx.t("qu-summary-cancel") },
    ],
    2,
  );
}

async function openQueueConversation(conversation: BotConversation, ctx: ConvContext) {
  const me = ctx.from?.id as number;
  const draft: QueueDraft = {
    point: await askPoint(conversation, ctx),
    capacity: await askCapacity(conversation, ctx),
    near: await askNear(conversation, ctx),
    goods: await askGoods(conversation, ctx),
    photos: await askGoodsPhotos(conversation, ctx),
    announce: await askAnnounce(conversation, ctx),
  };
  for (;;) {
    const choice = await summary(conversation, ctx, draft);
    if (choice === "open") break;
    if (choice === "cancel") {
      await ctx.reply(ctx.t("cancelled"));
      return;
    }
    if (choice === "point") draft.point = await askPoint(conversation, ctx);
    if (choice === "capacity") draft.capacity = await askCapacity(conversation, ctx);
    if (choice === "near") draft.near = await askNear(conversation, ctx);
    if (choice === "goods") draft.goods = await askGoods(conversation, ctx);
    if (choice === "photos") draft.photos = await askGoodsPhotos(conversation, ctx);
    if (choice === "announce") draft.announce = await askAnnounce(conversation, ctx);
  }
  const bot = ctx.me.username;
  const locale = await ctx.i18n.getLocale();
  // The role is checked again as it is used: it may have been taken back meanwhile.
  const opened = await conversation.external(async (c) => {
    if (!holds(c, QUEUE_OPENERS)) return null;
    const { queue, groups } = await openQueue(c.deps, draft, me, bot);
    const p = await panel(c.deps, queue.id);
    const shown = p && panelPayload(tr(c.deps, locale), p.queue, p.serving, p.figures);
    // Plain data: what an outside call returns is stored for the conversation's replays.
    return {
      id: queue.id,
      groups,
      panel: shown && { text: shown.text, keyboard: shown.reply_markup.inline_keyboard },
    };
  });
  if (!opened) {
    await ctx.reply(ctx.t("qu-role-gone"));
    return;
  }
  await ctx.reply(
    ctx.t("qu-opened", {
      id: opened.id,
      groups: opened.groups,
      link: `https://t.me/${bot}?start=queue_${opened.id}`,
    }),
  );
  if (opened.panel) {
    await ctx.reply(opened.panel.text, {
      reply_markup: { inline_keyboard: opened.panel.keyboard },
    });
  }
}

export const QUEUE_OPEN = defineConversation("queue-open", openQueueConversation, {
  rolesNeeded: () => QUEUE_OPENERS,
});
