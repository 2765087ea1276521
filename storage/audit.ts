/** The audit log: every privileged action, allowed or refused. */
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";

export interface AuditEntry {
  actorId: number | null;
  action: string;
  outcome?: "ok" | "denied";
  detail?: Record<string, unknown>;
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

    async recent(limit = 50) {
      return db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit).execute();
    },
  };
}
