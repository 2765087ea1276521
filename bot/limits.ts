/**
 * Per-person limits in the kernel: commands (in private and, stricter, in
 * groups), and the door features use for their own (SOS, requests, questions
 * about notices). The buckets are in the database, not in memory: a deploy or
 * a crash doesn't hand a flooder a fresh allowance, several processes share
 * one count, and the injected clock drives them in tests.
 */
import type { MiddlewareFn } from "grammy";
import {
  GROUP_REFUSAL,
  LIMITS,
  type LimitedAction,
  SLOW_DOWN_NOTICE,
  type Tier,
  tierOf,
} from "../domain/limits.js";
import type { Taken } from "../storage/limits.js";
import type { BaseContext, BotDeps } from "./context.js";

export type { Tier } from "../domain/limits.js";

/** The tier of the person behind an update. */
export function tierOfActor(ctx: BaseContext): Tier {
  return tierOf(ctx.actor?.roles ?? []);
}

/** The tier of a stored person (for services that have no update at hand). */
export async function tierOfPerson(deps: BotDeps, personId: number): Promise<Tier> {
  const roles: string[] = await deps.storage.roles.of(personId);
  if (deps.config.adminIds.includes(personId)) roles.push("admin");
  if (await deps.storage.households.ofPerson(personId)) roles.push("resident");
  return tierOf(roles);
}

const keyOf = (action: LimitedAction, personId: number) => `${action}:${personId}`;

/** Counts one `action` by this person: allowed, or refused (nothing counted). */
export function takeLimit(
  deps: BotDeps,
  action: LimitedAction,
  personId: number,
  tier: Tier,
): Promise<Taken> {
  return deps.storage.limits.take(keyOf(action, personId), LIMITS[action][tier]);
}

/** Whether one more `action` would be allowed now (for asking before a long conversation). */
export function wouldAllow(
  deps: BotDeps,
  action: LimitedAction,
  personId: number,
  tier: Tier,
): Promise<boolean> {
  return deps.storage.limits.wouldAllow(keyOf(action, personId), LIMITS[action][tier]);
}

/** The limit itself, for texts ("at most 6 an hour"). */
export function limitOf(action: LimitedAction, tier: Tier) {
  return LIMITS[action][tier];
}

const isGroup = (ctx: BaseContext) => ctx.chat?.type === "group" || ctx.chat?.type === "supergroup";

/**
 * Whether a refusal (or a "do this in private") may be said here. In a
 * private chat always. In a group once per person and group in 10 minutes:
 * twenty refused commands don't make twenty replies everyone reads.
 */
export async function maySayInGroup(ctx: BaseContext): Promise<boolean> {
  if (!isGroup(ctx)) return true;
  const from = ctx.from?.id;
  if (from === undefined) return false;
  const key = `refusal:${ctx.chat?.id}:${from}`;
  const taken = await ctx.deps.storage.limits.take(key, GROUP_REFUSAL);
  if (!taken.allowed)
    ctx.deps.logger.debug({ chat: ctx.chat?.id }, "refusal in a group kept quiet");
  return taken.allowed;
}

/** In a private chat these always go through: leaving a conversation, and the SOS. */
const NEVER_LIMITED = new Set(["cancel", "sos"]);

/**
 * Counts every command. Over the limit, the command is dropped: in private
 * the person is told once a minute to slow down; in a group nothing is said.
 */
export function limitCommands(): MiddlewareFn<BaseContext> {
  return async (ctx, next) => {
    const message = ctx.message;
    const from = ctx.from;
    const entity = message?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
    if (!message?.text || !from || from.is_bot || !entity) return next();
    const [name = "", addressee] = message.text.slice(1, entity.length).toLowerCase().split("@");
    // A command for another bot in the same group is not ours to count.
    if (addressee !== undefined && addressee !== ctx.me.username.toLowerCase()) return next();
    const group = isGroup(ctx);
    if (!group && NEVER_LIMITED.has(name)) return next();
    const tier = tierOfActor(ctx);
    const action: LimitedAction = group ? "groupCommand" : "command";
    const taken = await ctx.deps.storage.limits.take(`${action}:${from.id}`, LIMITS[action][tier]);
    if (taken.allowed) return next();
    ctx.deps.logger.info({ command: name, tier, group }, "command over the limit dropped");
    if (group) return;
    const told = await ctx.deps.storage.limits.take(`slow-down:${from.id}`, SLOW_DOWN_NOTICE);
    if (told.allowed) {
      await ctx.reply(
        ctx.t("limit-slow-down", { seconds: Math.max(1, Math.ceil(taken.retryAfterMs / 1000)) }),
      );
    }
  };
}
