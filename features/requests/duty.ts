/**
 * Who handles requests right now, and the request settings. Both sit behind
 * one small function each: `coordinatorsOnDuty` asks the duty roster, and
 * configuration can replace `requestSettings`, without touching the rest of
 * the feature.
 */
import type { BotDeps } from "../../bot/context.js";
import type { RequestSettings } from "../../domain/request-ledger.js";
import { coordinatorsNow } from "../escalation/index.js";

/**
 * The coordinators who get new requests in private: those on duty now, else
 * every coordinator, else the admins (escalation's `coordinatorsNow`).
 */
export const coordinatorsOnDuty = (deps: BotDeps, at: Date): Promise<number[]> =>
  coordinatorsNow(deps, at);

/** The staff groups (bound with /bind staff) the bot is still in. */
export async function staffGroups(deps: BotDeps): Promise<number[]> {
  const groups = await deps.storage.groups.active();
  return groups.filter((g) => g.kind === "staff").map((g) => g.chatId);
}

/**
 * Overdue targets and shift length, from the settings (REQUEST_* and
 * SHIFT_HOURS; by default urgent 1 h, today by 20:00, can wait 3 days,
 * 8-hour shifts).
 */
export function requestSettings(deps: BotDeps): RequestSettings {
  return deps.config.requests;
}
