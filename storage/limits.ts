/**
 * The buckets behind per-person limits. The decision is domain/limits.ts's;
 * here it is applied race-free: the new state is written only if the row
 * still holds what was read (a compare-and-set whose row count is checked),
 * and on a lost race the attempt is decided again on what the winner wrote.
 * The same on SQLite and PostgreSQL, and across processes.
 */
import { decide, type Limit } from "../domain/limits.js";
import type { Clock } from "./clock.js";
import type { DB } from "./database.js";

export interface Taken {
  allowed: boolean;
  retryAfterMs: number;
}

export function limitsRepo(db: DB, clock: Clock) {
  async function read(key: string): Promise<number | undefined> {
    const row = await db
      .selectFrom("rate_limits")
      .select("tat")
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? Number(row.tat) : undefined;
  }

  return {
    /** One attempt: counted and allowed, or refused (and nothing is stored). */
    async take(key: string, limit: Limit): Promise<Taken> {
      for (let attempt = 0; ; attempt++) {
        const now = clock.now().getTime();
        const stored = await read(key);
        const decision = decide(limit, stored, now);
        if (!decision.allowed) return { allowed: false, retryAfterMs: decision.retryAfterMs };
        const written =
          stored === undefined
            ? await db
                .insertInto("rate_limits")
                .values({ key, tat: decision.tat })
                .onConflict((oc) => oc.column("key").doNothing())
                .executeTakeFirst()
                .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0))
            : await db
                .updateTable("rate_limits")
                .set({ tat: decision.tat })
                .where("key", "=", key)
                .where("tat", "=", stored)
                .executeTakeFirst()
                .then((r) => Number(r.numUpdatedRows));
        if (written > 0) return { allowed: true, retryAfterMs: 0 };
        // Someone else counted at the same moment: decide again on their state.
        if (attempt >= 5) return { allowed: false, retryAfterMs: limit.perMs / limit.count };
      }
    },

    /** Whether one more attempt would be allowed now, without counting it. */
    async wouldAllow(key: string, limit: Limit): Promise<boolean> {
      return decide(limit, await read(key), clock.now().getTime()).allowed;
    },

    /** Buckets that emptied before `before` (ms) hold nothing worth keeping. Returns how many went. */
    async prune(before: number): Promise<number> {
      const result = await db
        .deleteFrom("rate_limits")
        .where("tat", "<", before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type LimitsRepo = ReturnType<typeof limitsRepo>;
