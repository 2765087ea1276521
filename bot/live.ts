/**
 * Side effects of API transformers (a pause before a retry, a log line) that
 * must happen once.
 *
 * Inside a conversation, grammY's conversations plugin replays the API calls
 * it recorded, through the same transformers, at every later step of the
 * conversation. A pause made there is made again at each step (one 250 ms
 * retry early in a registration costs 250 ms at every later answer), and a
 * warning is logged again each time. `Live` runs such an effect only the
 * first time: directly outside conversations, and through
 * `conversation.external` inside, which the replay skips.
 *
 * auto-retry's own pauses (429, 5xx) can't be routed this way; they are
 * still replayed (see the README, "Staying up").
 */
import type { BotConversation } from "./context.js";

export type Live = <T>(effect: () => T | Promise<T>) => Promise<T>;

/** Outside conversations: the effect, now. */
export const direct: Live = async (effect) => effect();

/** Inside a conversation: the effect the first time, skipped when the conversation replays. */
export function once(conversation: BotConversation): Live {
  return (effect) => conversation.external(() => effect());
}
