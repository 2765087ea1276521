/**
 * Typing a quantity: the item's name between − and + on the order card asks
 * "how many?", and the number typed replaces the household's quantity of
 * that item (checked like a press: not below 0, not above the limit, not
 * after the deadline). The card is then redrawn.
 */
import { GrammyError } from "grammy";
import type { BotConversation, ConvContext } from "../../bot/context.js";
import { defineConversation, question, staleButton } from "../../bot/conversation.js";
import { maxQuantity, parseQuantity } from "../../domain/groupbuy.js";
import { formatFen } from "../../domain/money.js";
import { cardPayload, type Tr } from "./render.js";
import { cardFacts, changeOrder, loadCard } from "./service.js";

async function typeQuantity(
  conversation: BotConversation,
  ctx: ConvContext,
  buyId: number,
  itemId: number,
  card: { chatId: number; messageId: number },
) {
  const personId = ctx.from?.id as number;
  const start = await conversation.external((c) => loadCard(c.deps, buyId, personId));
  const item = start.ok ? start.card.items.find((i) => i.id === itemId) : undefined;
  if (!start.ok || !item) {
    await ctx.reply(ctx.t(`gb-order-${start.ok ? "unknown" : start.reason}`));
    return;
  }
  await ctx.reply(ctx.t("gb-ask-qty", { name: item.name, max: maxQuantity(item) }));
  const ask = question(conversation, []);
  for (;;) {
    const answer = await ask.next();
    const text = answer.message?.text;
    if (text === undefined) {
      if (answer.callbackQuery) await staleButton(answer);
      else await answer.reply(ctx.t("gb-qty-format", { max: maxQuantity(item) }));
      continue;
    }
    const typed = parseQuantity(text);
    if (!typed.ok) {
      await answer.reply(ctx.t(`gb-qty-${typed.error}`, { max: maxQuantity(item) }));
      continue;
    }
    const outcome = await conversation.external((c) =>
      changeOrder(c.deps, buyId, personId, itemId, { set: typed.qty }),
    );
    if (outcome.ok || outcome.reason === "closed") {
      const now = await conversation.external((c) => c.deps.clock.now().toISOString());
      const t: Tr = (key, vars) => ctx.t(key, vars);
      const payload = cardPayload(
        t,
        ctx.deps.config.timezone,
        new Date(now),
        cardFacts(outcome.card),
      );
      try {
        await ctx.api.editMessageText(card.chatId, card.messageId, payload.text, {
          reply_markup: payload.reply_markup,
        });
      } catch (error) {
        // Unchanged, or the card was deleted: the answer below says it all.
        if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
      }
      if (outcome.ok) {
        await answer.reply(
          ctx.t(outcome.card.buy.kind === "free" ? "gb-qty-done-free" : "gb-qty-done", {
            name: item.name,
            qty: typed.qty,
            total: formatFen(outcome.card.order.totalFen),
          }),
        );
      } else {
        await answer.reply(ctx.t("gb-order-closed", { id: buyId }));
      }
      return;
    }
    if ("item" in outcome) {
      await answer.reply(ctx.t(`gb-qty-${outcome.reason}`, { max: maxQuantity(item) }));
      continue;
    }
    await answer.reply(ctx.t(`gb-order-${outcome.reason}`));
    return;
  }
}

/** "How many?" for one item of one buy; the card to redraw afterwards. */
export const GROUPBUY_QUANTITY = defineConversation("groupbuy-qty", typeQuantity);
