/**
 * Who handles requests right now, and the request settings. Both sit behind
 * one small function each: `coordinatorsOnDuty` asks the duty roster, and
 * configuration can replace `requestSettings`, without touching the rest of
 * the feature.
 */
import type { BotDeps } from "../../bot/context.js";
import type { RequestSettings } from "../../domain/request-ledger.js";
import { onDutyNow } from "../escalation/index.js";

/**
 * The coordinators who get new requests in private: those on duty now (the
 * roster of /duty and /shifts). With nobody on duty, every coordinator; with
 * no coordinator at all, the admins — so a request is never sent to nobody.
 */
export async function coordinatorsOnDuty(deps: BotDeps, at: Date): Promise<number[]> {
  const onDuty = [...(await onDutyNow(deps, at)).keys()];
  if (onDuty.length > 0) return onDuty;
  const holders = await deps.storage.roles.holders();
  const coordinators = holders.filter((h) => h.role === "coordinator").map((h) => h.personId);
  if (coordinators.length > 0) return [...new Set(coordinators)];
  const admins = holders.filter((h) => h.role === "admin").map((h) => h.personId);
  return [...new Set([...admins, ...deps.config.adminIds])];
}

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
