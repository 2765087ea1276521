/**
 * Who handles requests right now, and the request settings. Both sit behind
 * one small function each so they can be swapped: the duty roster (issue 6)
 * can replace `coordinatorsOnDuty`, and configuration can replace
 * `requestSettings`, without touching the rest of the feature.
 */
import type { BotDeps } from "../../bot/context.js";
import { DEFAULT_REQUEST_SETTINGS, type RequestSettings } from "../../domain/requests.js";

/**
 * The coordinators who get new requests in private. Until a duty roster
 * exists every coordinator is on duty; with no coordinator at all, the
 * admins get them, so a request is never sent to nobody.
 */
export async function coordinatorsOnDuty(deps: BotDeps, _at: Date): Promise<number[]> {
  const holders = await deps.storage.roles.holders();
  const coordinators = holders.filter((h) => h.role === "coordinator").map((h) => h.person_id);
  if (coordinators.length > 0) return [...new Set(coordinators)];
  const admins = holders.filter((h) => h.role === "admin").map((h) => h.person_id);
  return [...new Set([...admins, ...deps.config.adminIds])];
}

/** The staff groups (bound with /bind staff) the bot is still in. */
export async function staffGroups(deps: BotDeps): Promise<number[]> {
  const groups = await deps.storage.groups.active();
  return groups.filter((g) => g.kind === "staff").map((g) => g.chat_id);
}

/** Overdue targets and shift length: urgent 1 h, today by 20:00, can wait 3 days; 8-hour shifts. */
export function requestSettings(_deps: BotDeps): RequestSettings {
  return DEFAULT_REQUEST_SETTINGS;
}
