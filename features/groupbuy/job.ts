/**
 * Closes group buys at their deadline. Each close is claimed with a
 * conditional UPDATE and writes its messages in the same transaction, so a
 * restart or a second process never closes a buy twice; a bot that was down
 * at the deadline closes it at the next run.
 */
import type { BotDeps } from "../../bot/context.js";
import { closeDueBuys } from "./service.js";

export const GROUPBUY_INTERVAL_MS = 30_000;

export function runGroupbuyDeadlines(deps: BotDeps): Promise<number> {
  return closeDueBuys(deps);
}
