/**
 * createBot(deps): builds the bot and never starts anything. Middleware order
 * matters and is all here: the update tracker (each update once),
 * dependencies, the parts of a long paste joined, order per chat, the error
 * boundary around everything else, the sender, language, the command limits,
 * conversations (with /cancel before any conversation sees the
 * update), the features, then the fallbacks.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import {
  type ConversationBuilder,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError, type Composer, type MiddlewareFn, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { safeAnswers } from "../bot/answer.js";
import { onUpdateError, updateTracker } from "../bot/boundary.js";
import { withinBudget } from "../bot/budget.js";
import type {
  BaseContext,
  BotContext,
  BotConversation,
  BotDeps,
  ConvContext,
} from "../bot/context.js";
import { conversationChoices } from "../bot/conversation.js";
import { unchangedEditsAreDone } from "../bot/edits.js";
import { limitCommands } from "../bot/limits.js";
import { throughOutside } from "../bot/live.js";
import { attachDeps, ignoreInactiveGroups, loadActor, logUpdates } from "../bot/middleware.js";
import { retryNetworkErrors } from "../bot/network-retry.js";
import { joinPastedParts } from "../bot/paste.js";
import { recordActivity } from "../features/care/index.js";
import { sosKeyboard } from "../features/escalation/index.js";
import { dialectOf } from "../storage/dialect.js";
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
    // A call that gets no answer within this time is a network error, not a stalled chat.
    client: { apiRoot: deps.config.apiRoot, timeoutSeconds: deps.config.apiTimeoutSeconds },
  });
  // Innermost first: each attempt takes its slot in the flood budget it shares with
  // the outbox (bot/budget.ts), then a few quick retries when no answer came
  // (auto-retry would retry those forever), then auto-retry for the rare real 429
  // and for 5xx, then Telegram's refusals that change nothing for anyone: an edit
  // to what the message already shows, and the answers to buttons, which never fail
  // what the button was for.
  // auto-retry also pauses after the last failed attempt (3 s, 6 s, then 12 s): with
  // 2 retries a reply facing a 5xx storm holds its chat for about 21 s (45 s with 3).
  const retry = autoRetry({ maxRetryAttempts: 2, maxDelaySeconds: 30, rethrowHttpErrors: true });
  const transformers: Transformer[] = [
    ...(deps.budget ? [withinBudget(deps.budget)] : []),
    retryNetworkErrors(),
    retry,
    unchangedEditsAreDone(deps.logger),
    safeAnswers(deps.logger),
  ];
  bot.api.config.use(...transformers);

  // Transformers on bot.api don't reach the API inside conversations. There each
  // call is made once, through the outside context's API (bot.api's transformers),
  // and a replay gets its recorded answer: a 429 slept once is never slept again,
  // a budget slot never taken twice (bot/live.ts).
  const transformInConversation =
    (conversation: BotConversation): MiddlewareFn<ConvContext> =>
    (ctx, next) => {
      ctx.api.config.use(throughOutside(conversation));
      return next();
    };
  const shared = [attachDeps(deps), loadActor(), deps.i18n] as MiddlewareFn<BaseContext>[];

  const onError = onUpdateError(deps);
  // Several webhook processes share one PostgreSQL database: each update is taken by one.
  const sharedDatabase =
    deps.config.mode === "webhook" && dialectOf(deps.storage.db) === "postgres";
  const updates = updateTracker(
    deps,
    sharedDatabase ? (id) => deps.storage.updates.claim(id) : undefined,
  );
  bot.use(updates.middleware as MiddlewareFn<BotContext>);
  bot.use(attachDeps(deps) as MiddlewareFn<BotContext>);
  // Before the order per chat: the later parts of a long paste arrive while the first is held.
  bot.use(joinPastedParts(options.pasteWindowMs));
  bot.use(sequentialize(chatKey));
  // Everything below runs inside the error boundary, whichever way the update came in.
  const app = bot.errorBoundary((err) => onError(err as BotError<BaseContext>));
  app.use(logUpdates());
  app.use(ignoreInactiveGroups());
  app.use(loadActor());
  // When residents last wrote to the bot (the key-care silence signal), answers in conversations too.
  app.use(recordActivity() as MiddlewareFn<BotContext>);
  app.use(deps.i18n);
  // Per-person limits on commands (SOS, requests and questions have their own, in their features).
  app.use(limitCommands());

  app.use(
    conversations<BotContext, ConvContext>({
      storage: {
        type: "key",
        adapter: deps.storage.conversationState,
        getStorageKey: (ctx) => ctx.chatId?.toString(),
      },
      plugins: (conversation) => [...shared, transformInConversation(conversation)],
    }),
  );
  app.command("cancel", async (ctx) => {
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
    app.use(
      createConversation(def.builder as ConversationBuilder<BotContext, ConvContext>, {
        id: def.id,
        parallel: def.parallel,
      }),
    );
  }
  // "Leave your unfinished …?" Yes / No, pressed while the old conversation is still open.
  app.use(conversationChoices);

  app.use(...FEATURES, ...(options.extra ?? []));

  app.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
  });
  app.chatType("private").on("message", async (ctx) => {
    await ctx.reply(ctx.t("fallback-private"));
  });

  // The same boundary for anything that fails outside the one above (long polling's runner).
  bot.catch((err) => onError(err as BotError<BaseContext>));

  return Object.assign(bot, { updates });
}

export type LinliBot = ReturnType<typeof createBot>;
