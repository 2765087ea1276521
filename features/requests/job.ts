/**
 * The end-of-day summary of requests: once a day, for the day that has just
 * ended (local time), to the staff group, or to the coordinators when no
 * staff group is bound. Run every minute; the day is recorded in the same
 * transaction as the messages, so it goes exactly once, across restarts.
 */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { dayOf, ledgerFigures } from "../../domain/request-ledger.js";
import { afterQuietHours, localDate } from "../../domain/schedule.js";
import type { NewOutboxMessage } from "../../storage/outbox.js";
import { coordinatorsOnDuty, requestSettings, staffGroups } from "./duty.js";
import { dailySummaryText } from "./ledger.js";
import { directory, localeIn } from "./render.js";

export const REQUEST_SUMMARY_EVERY_MS = 60_000;

/**
 * Sends yesterday's summary if it hasn't gone yet. Returns whether it was
 * recorded now. A day with no request received and nothing open is recorded
 * without a message. In private it waits for the end of quiet hours; the
 * staff group (a workspace people can mute) gets it at once.
 */
export async function dailyRequestSummary(deps: BotDeps, _api?: Api): Promise<boolean> {
  const { storage, clock, config } = deps;
  const now = clock.now();
  const yesterday = dayOf(now, config.timezone, -1);
  const day = localDate(yesterday.start, config.timezone);
  if (await storage.requests.dailySummarySent(day)) return false;

  // A request is a ledger row: the figures read only what they need.
  const rows = await storage.requests.forLedger(yesterday.start);
  const ledger = ledgerFigures(rows, now, config.timezone, requestSettings(deps), yesterday);
  const messages: NewOutboxMessage[] = [];
  const ref = { type: "request-summary", id: day };
  if (ledger.receivedToday > 0 || ledger.openTotal.all > 0) {
    const groups = await staffGroups(deps);
    for (const chatId of groups) {
      const text = dailySummaryText(deps, config.defaultLocale, day, ledger, true);
      messages.push({ chatId, lane: "normal", method: "sendMessage", payload: { text }, ref });
    }
    if (groups.length === 0) {
      const people = await coordinatorsOnDuty(deps, now);
      const dir = await directory(deps, people);
      const notBefore = afterQuietHours(now, config.quietHours, config.timezone);
      for (const chatId of people) {
        const text = dailySummaryText(deps, localeIn(deps, dir, chatId), day, ledger);
        messages.push({
          chatId,
          lane: "bulk",
          method: "sendMessage",
          payload: { text },
          notBefore,
          ref,
        });
      }
    }
  }
  const claimed = await storage.requests.claimDailySummary(day, messages);
  if (claimed && messages.length > 0) deps.outbox.kick();
  return claimed;
}
