/**
 * The escalation ladder's clock: every few seconds, open urgent items whose
 * step is due move on (by `deps.clock`), and pages of items someone has taken
 * are settled (queued ones cancelled, sent ones edited to "taken by …").
 * Everything it needs is in the database, so a restart continues where the
 * last run stopped: each move is a conditional update, never taken twice.
 */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { PAGE_REF } from "../../storage/escalations.js";
import type { Storage } from "../../storage/index.js";
import { advanceDue, settlePages } from "./service.js";

export const ESCALATION_INTERVAL_MS = 5_000;

export async function runEscalations(
  deps: BotDeps,
  _api?: Api,
): Promise<{ moved: number; edited: number }> {
  const moved = await advanceDue(deps);
  const edited = await settlePages(deps);
  if (moved > 0) deps.outbox.kick();
  return { moved, edited };
}

/**
 * Outbox hook: a page claimed a moment before someone took its item must not
 * go out. Every other row is always wanted.
 */
export function pageStillWanted(storage: Storage) {
  return async (row: { ref: { type: string; id: string } | null }): Promise<boolean> => {
    if (row.ref?.type !== PAGE_REF) return true;
    const item = await storage.escalations.get(Number(row.ref.id));
    return item?.acknowledgedBy === null || item === undefined;
  };
}
