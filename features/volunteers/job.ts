/**
 * The ledger's periodic work: posts of tasks someone took (or that closed)
 * are settled, queued ones dropped and delivered ones edited to "taken by …"
 * (a request claimed with its own button arrives here); and volunteers who
 * have hours but were never asked about the published ledger are asked,
 * once. Both are recorded in the database, so a restart never repeats them.
 */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { askConsentWhereDue, settlePosts } from "./service.js";

export const VOLUNTEER_JOB_INTERVAL_MS = 5_000;

export async function runVolunteerJobs(
  deps: BotDeps,
  _api?: Api,
): Promise<{ settled: number; asked: number }> {
  const settled = await settlePosts(deps);
  const asked = await askConsentWhereDue(deps);
  return { settled, asked };
}
