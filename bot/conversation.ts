/**
 * Guided conversations: how one is defined, how one is started while another
 * is open (decided here, once), how a conversation waits for its answers,
 * and how it ends when nobody answers or the answers never fit.
 *
 * A conversation waits only for its own buttons and for plain messages (text,
 * photos, a contact...). Everything else goes on to the rest of the bot,
 * unchanged: another feature's button, a command, a persistent key such as
 * 🆘, an edited message. The open question stays open, and the conversation
 * goes on after it. No feature keeps a list of buttons that "work anywhere":
 * every button works anywhere, because only its owner answers it.
 *
 * Conversations stay small and finish: a question waits at most
 * CONVERSATION_TIMEOUT_HOURS (then the conversation ends politely and its
 * state is deleted, also for people who never come back: see
 * `endSilentConversations`); one question takes at most MAX_TRIES answers,
 * a whole conversation MAX_ANSWERS (or its own bound), so its stored replay
 * log is bounded.
 *
 * Conversation code replays, so everything that touches the database goes
 * through `conversation.external`.
 */
import { randomBytes } from "node:crypto";
import { Composer, InlineKeyboard } from "grammy";
import { mayAct, type Role } from "../domain/roles.js";
import type { PendingConversation } from "../storage/kv.js";
import type { NewOutboxMessage } from "../storage/outbox.js";
import { type AnyButton, type Button, button, onButton } from "./callback-data.js";
import type {
  BaseContext,
  BotContext,
  BotConversation,
  BotDeps,
  ConvContext,
  ConversationInfo,
} from "./context.js";
import { localeFor } from "./i18n.js";
import type { ReplyKey } from "./keys.js";

// ============================================================ definitions

export interface ConversationDef<A extends unknown[] = unknown[]> extends ConversationInfo {
  /** Stored with the conversation's state; `conv-name-<id>` in locales/ names it for people. */
  readonly id: string;
  readonly builder: (conversation: BotConversation, ctx: ConvContext, ...args: A) => Promise<void>;
  /**
   * Opens on top of whatever conversation is open instead of asking to leave
   * it, and gets each update first. For the SOS: it can't wait, and what was
   * open goes on after it.
   */
  readonly parallel: boolean;
}

/** Any conversation, whatever its arguments (for the app's list). */
export type AnyConversation = ConversationDef<never>;

/** What one run (replay) of a conversation knows about itself. */
interface Running {
  id: string;
  /** Answers taken so far in the whole conversation. */
  answers: number;
  /** At most this many. */
  maxAnswers: number;
}

const running = new WeakMap<BotConversation, Running>();

export function defineConversation<A extends unknown[]>(
  id: string,
  builder: (conversation: BotConversation, ctx: ConvContext, ...args: A) => Promise<void>,
  options: {
    parallel?: boolean;
    /** The roles needed to go on with it (a role taken back ends it). */
    rolesNeeded?: (args: readonly unknown[]) => readonly Role[] | undefined;
    /** Answers it takes in all (default MAX_ANSWERS). */
    maxAnswers?: number;
  } = {},
): ConversationDef<A> {
  const maxAnswers = options.maxAnswers ?? MAX_ANSWERS;
  const wrapped = (conversation: BotConversation, ctx: ConvContext, ...args: A) => {
    running.set(conversation, { id, answers: 0, maxAnswers });
    return builder(conversation, ctx, ...args);
  };
  return {
    id,
    builder: wrapped,
    parallel: options.parallel ?? false,
    rolesNeeded: options.rolesNeeded,
  };
}

// ================================================================ waiting

/** What a conversation answers to besides plain messages: its own buttons and keys. */
export type Own = ReadonlyArray<AnyButton | ReplyKey>;

/** Answers one question takes; asked for one more, the conversation ends politely. */
export const MAX_TRIES = 5;
/**
 * Answers one conversation takes in all, unless it says otherwise: several
 * times what a real one needs (a registration takes 6, a notice about 10),
 * so only a loop that never ends reaches it. Each answer is kept in the
 * stored state and replayed at every step, so this bounds both.
 */
export const MAX_ANSWERS = 40;

const isKey = (own: AnyButton | ReplyKey): own is ReplyKey => "matches" in own;

/** One question of a conversation: its answers, one `next()` at a time. */
export interface Question {
  next(): Promise<ConvContext>;
}

/**
 * A question. Each `next()` is the person's next answer: a press of one of
 * the conversation's own buttons, or a plain message; anything else is
 * passed on to the rest of the bot meanwhile. Asked for more than `tries`
 * answers (all but the last were not accepted), it says that this has ended
 * and ends the conversation: the stored state never grows without bound.
 * A question with buttons people press several times (ticking boxes) takes
 * a larger `tries`.
 */
export function question(
  conversation: BotConversation,
  own: Own,
  options: { tries?: number } = {},
): Question {
  const tries = options.tries ?? MAX_TRIES;
  let taken = 0;
  let last: ConvContext | undefined;
  return {
    async next() {
      const run = running.get(conversation);
      if (last && taken >= tries) await endTooMany(conversation, last, taken, run);
      const answer = await waitForAnswer(conversation, own);
      taken++;
      last = answer;
      if (run && ++run.answers > run.maxAnswers) await endTooLong(conversation, answer, run);
      return answer;
    },
  };
}

/** Says that this has ended (nothing saved) and ends the conversation. */
async function endTooMany(
  conversation: BotConversation,
  ctx: ConvContext,
  tries: number,
  run: Running | undefined,
): Promise<never> {
  await ctx.reply(ctx.t("conv-too-many-tries", { tries, name: nameOf(ctx, run) }), {
    reply_markup: { remove_keyboard: true },
  });
  return conversation.halt({ next: false });
}

/** The whole conversation took more answers than any real one needs: ended the same way. */
async function endTooLong(
  conversation: BotConversation,
  ctx: ConvContext,
  run: Running,
): Promise<never> {
  await ctx.reply(
    ctx.t("conv-too-many-answers", { answers: run.maxAnswers, name: nameOf(ctx, run) }),
    {
      reply_markup: { remove_keyboard: true },
    },
  );
  return conversation.halt({ next: false });
}

const nameOf = (ctx: BaseContext, run: Running | undefined) =>
  run ? ctx.t(`conv-name-${run.id}`) : "";

/**
 * The next answer without a question's own cap, for conversation code not
 * yet written with `question` (prefer `question`). Its wait is bounded in
 * time and it counts toward the conversation's answers in all, so the stored
 * state stays bounded all the same.
 */
export async function nextInput(conversation: BotConversation, own: Own): Promise<ConvContext> {
  const run = running.get(conversation);
  const answer = await waitForAnswer(conversation, own);
  if (run && ++run.answers > run.maxAnswers) await endTooLong(conversation, answer, run);
  return answer;
}

/**
 * The next answer, within CONVERSATION_TIMEOUT_HOURS of asking (by the
 * injected clock). Later, the conversation ends politely instead: an answer
 * is not taken, anything else goes on to the rest of the bot.
 */
async function waitForAnswer(conversation: BotConversation, own: Own): Promise<ConvContext> {
  const askedAt = await conversation.external((c) => c.deps.clock.now().getTime());
  const next = await conversation.wait();
  const answer = isAnswer(next, own);
  const now = await conversation.external((c) => c.deps.clock.now().getTime());
  const limit = next.deps.config.limits.conversationTimeoutMs;
  if (now - askedAt >= limit) {
    const run = running.get(conversation);
    if (next.callbackQuery) await next.answerCallbackQuery();
    await next.reply(next.t("conv-timed-out", { name: nameOf(next, run), hours: hoursOf(limit) }), {
      reply_markup: { remove_keyboard: true },
    });
    await conversation.halt({ next: !answer });
  }
  if (answer) return next;
  return conversation.skip({ next: true });
}

const hoursOf = (ms: number) => Math.round((ms / 3600_000) * 10) / 10;

function isAnswer(ctx: ConvContext, own: Own): boolean {
  if (ctx.callbackQuery) {
    const data = ctx.callbackQuery.data;
    return own.some((o) => !isKey(o) && o.read(data) !== undefined);
  }
  const message = ctx.message;
  // Edits, membership changes and the like are not answers.
  if (!message) return false;
  const command = message.entities?.some((e) => e.type === "bot_command" && e.offset === 0);
  if (command) return false;
  const key = ctx.deps.keys.find((k) => k.matches(message.text));
  return key === undefined || own.includes(key);
}

/**
 * A press of one of `choices` on a composer's button (one with a `choice`
 * field): the keyboard is taken off its message, then the press is answered,
 * last, as every button is. A press of another choice of the same button is
 * stale; typed text is told to use the buttons.
 */
export async function chooseButton<C extends string>(
  conversation: BotConversation,
  choiceButton: Button<{ choice: string }>,
  choices: readonly C[],
): Promise<C> {
  const ask = question(conversation, [choiceButton]);
  for (;;) {
    const answer = await ask.next();
    const choice = choiceButton.of(answer)?.choice as C | undefined;
    if (choice !== undefined && choices.includes(choice)) {
      await answer.editMessageReplyMarkup();
      await answer.answerCallbackQuery();
      return choice;
    }
    if (answer.callbackQuery) await staleButton(answer);
    else await answer.reply(answer.t("conv-use-buttons"));
  }
}

/** Answers a press of this conversation's own button that belongs to no open question. */
export async function staleButton(ctx: ConvContext): Promise<void> {
  await ctx.answerCallbackQuery({ text: ctx.t("conv-answer-current"), show_alert: false });
}

// ================================================================ entering

/** The Yes/No under "Leave your unfinished …?". */
export const leaveButtons = {
  leave: button("cv:leave", { token: "str" }),
  stay: button("cv:stay", { token: "str" }),
};

function names(ctx: BaseContext, ids: readonly string[]): string {
  return ids.map((id) => ctx.t(`conv-name-${id}`)).join(ctx.t("list-separator"));
}

const chatOf = (ctx: BaseContext) => String(ctx.chatId);

/**
 * The one place that starts a conversation. With nothing open it starts at
 * once. With another open it asks "Leave your unfinished …?": Yes leaves it
 * and starts this one, No keeps it. What was asked for is stored, so the
 * answer works after a restart. A parallel conversation (the SOS) starts at
 * once on top; asked for again, it starts over.
 */
export async function enterConversation<A extends unknown[]>(
  ctx: BotContext,
  def: ConversationDef<A>,
  ...args: A
): Promise<void> {
  const open = Object.keys(ctx.conversation.active());
  if (def.parallel) {
    if (open.includes(def.id)) await ctx.conversation.exit(def.id);
    await ctx.conversation.enter(def.id, ...args);
    return;
  }
  if (open.length === 0) {
    await ctx.conversation.enter(def.id, ...args);
    return;
  }
  const token = randomBytes(6).toString("base64url");
  await ctx.deps.storage.pendingEntries.write(chatOf(ctx), { id: def.id, args, token, open });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("conv-leave-yes"), leaveButtons.leave.data({ token }))
    .text(ctx.t("conv-leave-no"), leaveButtons.stay.data({ token }));
  // Asked for again while it is open: the same question, put as starting over.
  const again = open.length === 1 && open[0] === def.id;
  const question = again
    ? ctx.t("conv-restart-ask", { open: names(ctx, open) })
    : ctx.t("conv-leave-ask", { open: names(ctx, open), next: names(ctx, [def.id]) });
  await ctx.reply(question, { reply_markup: keyboard });
}

/** The pending entry these buttons were made for, taken (so a second press finds nothing). */
async function takePending(
  ctx: BotContext,
  token: string,
): Promise<PendingConversation | undefined> {
  const store = ctx.deps.storage.pendingEntries;
  const pending = await store.read(chatOf(ctx));
  if (pending?.token !== token) return undefined;
  await store.delete(chatOf(ctx));
  return pending;
}

/** Yes and No under "Leave your unfinished …?". Installed by the app after the conversations. */
export const conversationChoices = new Composer<BotContext>();

onButton(conversationChoices, leaveButtons.leave, async (ctx, { token }) => {
  const pending = await takePending(ctx, token);
  if (!pending) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await ctx.editMessageReplyMarkup();
  await ctx.conversation.exitAll();
  await ctx.conversation.enter(pending.id, ...pending.args);
  await ctx.answerCallbackQuery();
});

onButton(conversationChoices, leaveButtons.stay, async (ctx, { token }) => {
  const pending = await takePending(ctx, token);
  if (!pending) {
    await ctx.answerCallbackQuery({ text: ctx.t("button-expired"), show_alert: true });
    return;
  }
  await ctx.editMessageText(ctx.t("conv-leave-kept", { open: names(ctx, pending.open) }));
  await ctx.answerCallbackQuery();
});

// ========================================================== housekeeping

/** One conversation's stored state, as the plugin keeps it (only what is read here). */
interface StoredState {
  args?: string;
}

/** The stored row's conversations: id → one state per open copy. */
function storedConversations(value: string): Record<string, StoredState[]> {
  try {
    const parsed = JSON.parse(value) as { state?: Record<string, StoredState[]> };
    return parsed.state && typeof parsed.state === "object" ? parsed.state : {};
  } catch {
    return {};
  }
}

async function noteTo(
  deps: BotDeps,
  chatId: number,
  text: (locale: string) => string,
): Promise<NewOutboxMessage[]> {
  // Conversations run in private chats (the chat id is the person's); nothing goes to a group.
  if (chatId <= 0) return [];
  const locale = localeFor(deps, await deps.storage.people.get(chatId));
  return [
    {
      chatId,
      lane: "normal",
      method: "sendMessage",
      payload: { text: text(locale), reply_markup: { remove_keyboard: true } },
      ref: { type: "conversation", id: chatId },
    },
  ];
}

const namesIn = (deps: BotDeps, locale: string, ids: readonly string[]) =>
  ids
    .map((id) => deps.i18n.t(locale, `conv-name-${id}`))
    .join(deps.i18n.t(locale, "list-separator"));

/**
 * Conversations nobody has touched for CONVERSATION_TIMEOUT_HOURS end: their
 * state is deleted, and the person is told (through the outbox) that it
 * ended and why. Every update in a chat with an open conversation rewrites
 * its row, so a row this old means each open question has waited at least
 * that long. A pending "Leave your unfinished …?" that old goes too, and
 * limit buckets that have long emptied. A periodic job (app/jobs.ts).
 */
export async function endSilentConversations(deps: BotDeps): Promise<number> {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const timeout = config.limits.conversationTimeoutMs;
  const before = new Date(now.getTime() - timeout);
  let ended = 0;
  for (const row of await storage.conversationRows.writtenBefore(before)) {
    const ids = Object.keys(storedConversations(row.value));
    const notes =
      ids.length === 0
        ? []
        : await noteTo(deps, Number(row.key), (locale) =>
            deps.i18n.t(locale, "conv-timed-out", {
              name: namesIn(deps, locale, ids),
              hours: hoursOf(timeout),
            }),
          );
    if (await storage.conversationRows.replace(row.key, row.value, null, notes)) ended++;
  }
  for (const row of await storage.pendingRows.writtenBefore(before)) {
    await storage.pendingRows.replace(row.key, row.value, null);
  }
  await storage.limits.prune(now.getTime() - 24 * 3600_000);
  if (ended > 0) deps.outbox.kick();
  return ended;
}

/**
 * A role was taken back: the person's open conversations that need a role
 * they no longer hold end now (e.g. a notice half-composed), and they are
 * told. Returns the ids of the conversations ended. Each such conversation
 * also checks the role again at its last step, for an update already in
 * flight while this runs.
 */
export async function endConversationsNeeding(
  deps: BotDeps,
  personId: number,
  held: ReadonlySet<Role>,
  role: Role,
): Promise<string[]> {
  const { storage } = deps;
  const key = String(personId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = await storage.conversationRows.get(key);
    if (!row) return [];
    const parsed = JSON.parse(row.value) as { state?: Record<string, StoredState[]> };
    const state = storedConversations(row.value);
    const ended: string[] = [];
    for (const [id, copies] of Object.entries(state)) {
      const info = deps.conversations.find((c) => c.id === id);
      const kept = copies.filter((copy) => {
        const needed = info?.rolesNeeded?.(JSON.parse(copy.args ?? "[]") as unknown[]);
        return needed === undefined || mayAct(held, needed);
      });
      if (kept.length === copies.length) continue;
      ended.push(id);
      if (kept.length === 0) delete state[id];
      else state[id] = kept;
    }
    if (ended.length === 0) return [];
    const value = Object.keys(state).length === 0 ? null : JSON.stringify({ ...parsed, state });
    const notes = await noteTo(deps, personId, (locale) =>
      deps.i18n.t(locale, "conv-ended-role", {
        role: deps.i18n.t(locale, `role-${role}`),
        name: namesIn(deps, locale, ended),
      }),
    );
    if (await storage.conversationRows.replace(key, row.value, value, notes)) {
      deps.outbox.kick();
      return ended;
    }
  }
  return [];
}
