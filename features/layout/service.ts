/**
 * Importing the community layout: every row is checked first, and any bad
 * row means nothing is imported. Audited either way.
 */
import type { BotDeps } from "../../bot/context.js";
import { type LayoutProblem, parseLayout } from "../../domain/layout-csv.js";

export type ImportOutcome =
  | { ok: true; added: number; existing: number; buildings: number }
  | { ok: false; empty: true }
  | { ok: false; empty?: false; problems: LayoutProblem[] };

export async function importLayout(
  deps: BotDeps,
  by: number | null,
  text: string,
): Promise<ImportOutcome> {
  const { storage } = deps;
  const parsed = parseLayout(text);
  if (!parsed.ok) {
    if ("empty" in parsed) return { ok: false, empty: true };
    await storage.audit.log({
      actorId: by,
      action: "layout.import",
      outcome: "ok",
      detail: { rejected: parsed.problems.length },
    });
    return { ok: false, problems: parsed.problems };
  }
  const result = await storage.layout.importRooms(parsed.rooms);
  await storage.audit.log({ actorId: by, action: "layout.import", detail: { ...result } });
  return { ok: true, ...result, buildings: new Set(parsed.rooms.map((r) => r.building)).size };
}
