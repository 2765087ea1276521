/**
 * A bounded retry for calls that got no answer at all (connection refused or
 * cut, the request timeout): HttpError. auto-retry would retry those forever
 * with a backoff that grows to an hour, so it is told not to
 * (`rethrowHttpErrors`), and this retries them a few times, quickly. A reply
 * therefore stalls its chat for at most (retries + 1) request timeouts plus
 * the short pauses, never for minutes; then the error reaches the error
 * boundary, which logs it.
 *
 * A call whose answer was lost after Telegram applied it is sent twice this
 * way; for a direct reply that is the lesser harm (the person sees it twice
 * rather than never). Messages to others go through the outbox, which has
 * its own retries and records each attempt.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { HttpError, type Transformer } from "grammy";
import { direct, type Live } from "./live.js";

export interface NetworkRetryOptions {
  /** Pauses before each retry; their number is the number of retries. */
  pausesMs?: readonly number[];
  /** How a pause is made (once, inside a conversation that replays). */
  live?: Live;
}

export const DEFAULT_NETWORK_PAUSES_MS = [250, 1000] as const;

export function retryNetworkErrors(options: NetworkRetryOptions = {}): Transformer {
  const { pausesMs = DEFAULT_NETWORK_PAUSES_MS, live = direct } = options;
  return async (prev, method, payload, signal) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await prev(method, payload, signal);
      } catch (error) {
        const pause = pausesMs[attempt];
        // Stopping (the caller aborted) or out of retries: the error goes on.
        if (!(error instanceof HttpError) || pause === undefined || signal?.aborted) throw error;
        await live(() => sleep(pause));
      }
    }
  };
}
