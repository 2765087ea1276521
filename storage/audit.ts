/** The audit log: every privileged action, allowed or refused. */
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  outcome?: "ok" | "denied";
  detail?: Record<string, unknown>;
}

/** One line of the log, as recorded. */
export interface AuditRecord {
  id: number;
  at: string;
  actorId: number | null;
  action: string;
  outcome: "ok" | "denied";
  detail: Record<string, unknown> | null;
}

export function auditRepo(db: DB, clock: Clock) {
  return {
    async log(entry: AuditEntry): Promise<void> {
      await db
        .insertInto("audit_log")
        .values({
          at: iso(clock),
          actor_id: entry.actorId,
          action: entry.action,
          outcome: entry.outcome ?? "ok",
          detail: entry.detail ? JSON.stringify(entry.detail) : null,
        })
        .execute();
    },

    async recent(limit = 50): Promise<AuditRecord[]> {
      const rows = await db
        .selectFrom("audit_log")
        .selectAll()
        .orderBy("id", "desc")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        outcome: r.outcome,
        detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
      }));
    },
  };
}
