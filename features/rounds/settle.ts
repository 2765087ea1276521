/**
 * Settling a delivered list: the staff member types what it cost in total
 * (yuan; whole fen are stored), checks it once more, and the resident is
 * told. Only the staff handling the round; the role is checked again as it
 * is used.
 */
import { asker } from "../../bot/ask.js";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation } from "../../bot/conversation.js";
import { holds } from "../../bot/permissions.js";
import { formatFen, MONEY_MAX_FEN, parseMoney } from "../../domain/money.js";
import { paymentLabel, roundButtons, sheetText, statusLabel } from "./render.js";
import { advanceList, sheet } from "./service.js";

const { choose, askText } = asker(roundButtons.answer);
const STAFF = ["worker", "coordinator", "volunteer"] as const;

async function settleConversation(
  conversation: BotConversation,
  ctx: ConvContext,
  submissionId: number,
) {
  const me = ctx.from?.id as number;
  const t = (key: string, vars?: Record<string, string | number>) => ctx.t(key, vars);
  const found = await conversation.external(async (c) => {
    const s = await sheet(c.deps, submissionId, me);
    if ("refused" in s) return { refused: s.refused };
    return {
      number: s.submission.number,
      address: s.submission.address,
      status: s.submission.status,
      payment: s.submission.payment,
    };
  });
  if ("refused" in found) {
    await ctx.reply(ctx.t(`rd-refused-${found.refused}`));
    return;
  }
  if (found.status !== "delivered") {
    await ctx.reply(ctx.t("rd-settle-not-now", { state: statusLabel(t, found.status) }));
    return;
  }
  let fen: number | null = null;
  while (fen === null) {
    fen = await askText(
      conversation,
      ctx,
      "amount",
      ctx.t("rd-ask-amount", {
        number: found.number,
        address: found.address,
        payment: paymentLabel(t, found.payment),
      }),
      (raw) => {
        const parsed = parseMoney(raw);
        return parsed.ok
          ? { ok: true, value: parsed.fen }
          : { ok: false, error: ctx.t(`money-${parsed.error}`, { max: formatFen(MONEY_MAX_FEN) }) };
      },
    );
    const amount = formatFen(fen ?? 0);
    const choice = await choose(
      conversation,
      ctx,
      "confirm",
      ctx.t("rd-settle-confirm", { number: found.number, amount }),
      [
        { value: "yes", label: ctx.t("rd-settle-yes", { amount }) },
        { value: "change", label: ctx.t("rd-settle-change") },
      ],
      1,
    );
    if (choice === "change") fen = null;
  }
  const amount = fen;
  const outcome = await conversation.external(async (c) => {
    if (!holds(c, STAFF)) return { gone: true as const };
    const r = await advanceList(c.deps, submissionId, "settle", me, amount);
    if (!r.ok) {
      return {
        ok: false as const,
        reason: r.reason,
        state: r.submission ? statusLabel(t, r.submission.status) : "",
      };
    }
    return { ok: true as const, text: sheetText(t, r.submission, r.resident) };
  });
  if ("gone" in outcome) {
    await ctx.reply(ctx.t("rd-role-gone"));
    return;
  }
  if (!outcome.ok) {
    await ctx.reply(
      outcome.reason === "state"
        ? ctx.t("rd-refused-state", { state: outcome.state })
        : ctx.t(`rd-refused-${outcome.reason}`),
    );
    return;
  }
  await ctx.reply(`${ctx.t("rd-settled", { amount: formatFen(amount) })}\n\n${outcome.text}`);
}

/** Settling one list (its id): from the sheet's Settle button. */
export const ROUND_SETTLE = defineConversation("round-settle", settleConversation, {
  rolesNeeded: () => STAFF,
});
