/**
 * The grid's periodic work: a resident's question nobody answered within
 * ASK_ANSWER_HOURS goes to the coordinators. Each question is handed on once
 * (a conditional update in the same transaction as the messages), so a
 * restart or a second process never sends it twice.
 */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { escalateUnanswered } from "./service.js";

export const GRID_INTERVAL_MS = 60_000;

export async function runGridJobs(deps: BotDeps, _api?: Api): Promise<{ handedOn: number }> {
  return { handedOn: await escalateUnanswered(deps) };
}
