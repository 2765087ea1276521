/**
 * API calls inside conversations, made once.
 *
 * grammY's conversations plugin replays a conversation from its start at
 * every step, and with it the API calls recorded so far. Transformers
 * installed on a conversation's API run again at each replay: a 429 met at
 * one step was slept again (auto-retry) at every later step, a flood-budget
 * slot would be taken again for a message sent long ago, and a warning was
 * logged again.
 *
 * So inside a conversation, each API call is one `conversation.external`
 * step that makes the call through the outside context's API, which carries
 * bot.api's transformers (the send budget, the retries, the harmless
 * refusals). The first time, the call is made, with its waits and retries,
 * exactly as outside a conversation; a replay gets the recorded answer and
 * waits for nothing.
 *
 * `Live` remains for transformers' side effects: outside conversations they
 * simply happen (`direct`).
 */
import { GrammyError, HttpError, type Transformer } from "grammy";
import type { BotConversation } from "./context.js";

export type Live = <T>(effect: () => T | Promise<T>) => Promise<T>;

/** Outside conversations: the effect, now. */
export const direct: Live = async (effect) => effect();

type RawCall = (payload: unknown, signal?: AbortSignal) => Promise<unknown>;
/** What a call answered, in a form the conversation's log can store. */
type Recorded =
  | { ok: true; result: unknown }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: GrammyError["parameters"];
    }
  | { ok: false; network: string };

/** The conversation's API transformer: each call once, through the outside API. */
export function throughOutside(conversation: BotConversation): Transformer {
  return async (_prev, method, payload, signal) => {
    const answer: Recorded = await conversation.external(async (outside) => {
      const raw = outside.api.raw as unknown as Record<string, RawCall>;
      try {
        return {
          ok: true,
          result: await (raw[method] as RawCall)(payload, signal as AbortSignal | undefined),
        };
      } catch (error) {
        if (error instanceof GrammyError) {
          return {
            ok: false,
            error_code: error.error_code,
            description: error.description,
            parameters: error.parameters,
          };
        }
        if (error instanceof HttpError) return { ok: false, network: error.message };
        throw error;
      }
    });
    if (!answer.ok && "network" in answer) {
      throw new HttpError(answer.network, new Error(answer.network));
    }
    return answer as Awaited<ReturnType<Transformer>>;
  };
}
