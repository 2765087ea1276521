/**
 * createBot(deps): builds the bot and never starts anything. Middleware order
 * matters and is all here: order per chat, dependencies, the sender, language,
 * conversations (with /cancel before any conversation sees the update), the
 * features, then the fallbacks and the error boundary.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import {
  type ConversationBuilder,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Composer, type MiddlewareFn } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BaseContext, BotContext, BotDeps, ConvContext } from "../bot/context.js";
import { conversationChoices } from "../bot/conversation.js";
import { limitCommands } from "../bot/limits.js";
import { attachDeps, ignoreInactiveGroups, loadActor, logUpdates } from "../bot/middleware.js";
import { joinPastedParts } from "../bot/paste.js";
import { sosKeyboard } from "../features/escalation/index.js";
import { CONVERSATIONS, FEATURES } from "./features.js";

export interface CreateBotOptions {
  /** Skips getMe at start (tests pass the fake's bot user). */
  botInfo?: UserFromGetMe;
  /** More Composers, installed after the features (tests add a feature of their own). */
  extra?: ReadonlyArray<Composer<BotContext>>;
  /** How long a long message waits for the rest of a split paste (bot/paste.ts). */
  pasteWindowMs?: number;
}

/** Updates of one chat are handled in order; different chats run in parallel. */
export function chatKey(ctx: { chat?: { id: number }; from?: { id: number } }): string | undefined {
  return ctx.chat?.id.toString() ?? ctx.from?.id.toString();
}

export function createBot(deps: BotDeps, options: CreateBotOptions = {}) {
  const bot = new Bot<BotContext>(deps.config.botToken, {
    botInfo: options.botInfo,
    client: { apiRoot: deps.config.apiRoot },
  });
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  bot.api.config.use(retry);

  // Transformers on bot.api don't reach the API inside conversations; the
  // conversation gets the same plugins as the outside.
  const retryInConversation: MiddlewareFn<ConvContext> = (ctx, next) => {
    ctx.api.config.use(retry);
    return next();
  };
  const shared = [attachDeps(deps), loadActor(), deps.i18n] as MiddlewareFn<BaseContext>[];

  bot.use(attachDeps(deps) as MiddlewareFn<BotContext>);
  // Before the order per chat: the later parts of a long paste arrive while the first is held.
  bot.use(joinPastedParts(options.pasteWindowMs));
  bot.use(sequentialize(chatKey));
  bot.use(logUpdates());
  bot.use(ignoreInactiveGroups());
  bot.use(loadActor());
  bot.use(deps.i18n);
  // Per-person limits on commands (SOS, requests and questions have their own, in their features).
  bot.use(limitCommands());

  bot.use(
    conversations<BotContext, ConvContext>({
      storage: {
        type: "key",
        adapter: deps.storage.conversationState,
        getStorageKey: (ctx) => ctx.chatId?.toString(),
      },
      plugins: [...shared, retryInConversation],
    }),
  );
  bot.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    // Whatever keyboard a question showed goes; a resident gets their SOS button back.
    const resident = ctx.chat?.type === "private" && ctx.actor?.roles.has("resident");
    await ctx.reply(ctx.t(active ? "cancelled" : "nothing-to-cancel"), {
      reply_markup: resident ? sosKeyboard(ctx) : { remove_keyboard: true },
    });
  });
  // Parallel conversations (the SOS) first: while one is open it sees each update first,
  // and what it passes on reaches the conversation it was opened over.
  const ordered = [...CONVERSATIONS].sort((a, b) => Number(b.parallel) - Number(a.parallel));
  for (const def of ordered) {
    bot.use(
      createConversation(def.builder as ConversationBuilder<BotContext, ConvContext>, {
        id: def.id,
        parallel: def.parallel,
      }),
    );
  }
  // "Leave your unfinished …?" Yes / No, pressed while the old conversation is still open.
  bot.use(conversationChoices);

  bot.use(...FEATURES, ...(options.extra ?? []));

  bot.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
  });
  bot.chatType("private").on("message", async (ctx) => {
    await ctx.reply(ctx.t("fallback-private"));
  });

  bot.catch(async (err) => {
    const ctx = err.ctx;
    deps.logger.error({ err: err.error, update_id: ctx.update.update_id }, "update failed");
    try {
      if (ctx.chat?.type === "private") await ctx.reply(ctx.t("error-generic"));
      else if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t("error-generic") });
    } catch {
      // The apology failed too; it is already logged.
    }
  });

  return bot;
}

export type LinliBot = ReturnType<typeof createBot>;
