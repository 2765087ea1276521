/**
 * The key-care round's clock: at CARE_ROUND_AT the day's checks go out as
 * tasks; at CARE_SILENCE_AT residents living alone who went silent get a
 * welfare check; from CARE_DAY_END every check nobody recorded raises an
 * urgent welfare visit. Decided from `deps.clock`; each step is recorded in
 * the database with what it sent, so it runs once (restart-safe, and once
 * across processes).
 */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { type CareRun, runCareDay } from "./service.js";

export const CARE_INTERVAL_MS = 30_000;

export function runCareJobs(deps: BotDeps, _api?: Api): Promise<CareRun> {
  return runCareDay(deps);
}
