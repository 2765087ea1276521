/**
 * A small key-value table of JSON values. It backs grammY conversations'
 * state, so a conversation survives a restart of the bot, and the
 * conversations someone asked to start while another was open.
 */
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import type { NewOutboxMessage, OutboxRepo } from "./outbox.js";
import { inTransaction } from "./transaction.js";

export interface JsonStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

/** JSON values under `prefix` + key. */
export function jsonStore<T>(db: DB, clock: Clock, prefix: string): JsonStore<T> {
  return {
    async read(key) {
      const row = await db
        .selectFrom("kv")
        .select("value")
        .where("key", "=", prefix + key)
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as T) : undefined;
    },
    async write(key, state) {
      const value = JSON.stringify(state);
      await db
        .insertInto("kv")
        .values({ key: prefix + key, value, updated_at: iso(clock) })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value, updated_at: iso(clock) }))
        .execute();
    },
    async delete(key) {
      await db
        .deleteFrom("kv")
        .where("key", "=", prefix + key)
        .execute();
    },
  };
}

/** The conversations plugin's storage. */
export function kvStorage<S>(
  db: DB,
  clock: Clock,
  prefix: string,
): VersionedStateStorage<string, S> {
  return jsonStore<VersionedState<S>>(db, clock, prefix);
}

/** A conversation someone asked to start while another was open, kept until they answer. */
export interface PendingConversation {
  /** The conversation's id, and what it is started with. */
  id: string;
  args: unknown[];
  /** Carried by the Yes/No buttons, so an old question's buttons can't start a newer one. */
  token: string;
  /** The conversations that were open when it was asked. */
  open: string[];
}

/** One stored row as it is: its JSON text and when it was last written. */
export interface StoredRow {
  key: string;
  value: string;
  updatedAt: string;
}

/**
 * The rows under `prefix` as rows, for the kernel's housekeeping: finding
 * conversations nobody has touched for a long time, and changing one from
 * outside (a role taken back). A change is made only if the row still holds
 * what was read, and the messages it causes are queued in the same transaction.
 */
export function kvRows(db: DB, clock: Clock, outbox: OutboxRepo, prefix: string) {
  const strip = (r: { key: string; value: string; updated_at: string }): StoredRow => ({
    key: r.key.slice(prefix.length),
    value: r.value,
    updatedAt: r.updated_at,
  });
  return {
    async get(key: string): Promise<StoredRow | undefined> {
      const row = await db
        .selectFrom("kv")
        .selectAll()
        .where("key", "=", prefix + key)
        .executeTakeFirst();
      return row && strip(row);
    },

    /** Rows last written before `before`, oldest first. */
    async writtenBefore(before: Date, limit = 200): Promise<StoredRow[]> {
      const rows = await db
        .selectFrom("kv")
        .selectAll()
        .where("key", "like", `${prefix}%`)
        .where("updated_at", "<", before.toISOString())
        .orderBy("updated_at")
        .limit(limit)
        .execute();
      return rows.map(strip);
    },

    /**
     * Replaces the row (or deletes it, with `value` null) if it still holds
     * `seen`, and queues `messages` with it. Returns whether it did.
     */
    async replace(
      key: string,
      seen: string,
      value: string | null,
      messages: readonly NewOutboxMessage[] = [],
    ): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const changed =
          value === null
            ? Number(
                (
                  await trx
                    .deleteFrom("kv")
                    .where("key", "=", prefix + key)
                    .where("value", "=", seen)
                    .executeTakeFirst()
                ).numDeletedRows,
              )
            : Number(
                (
                  await trx
                    .updateTable("kv")
                    .set({ value, updated_at: iso(clock) })
                    .where("key", "=", prefix + key)
                    .where("value", "=", seen)
                    .executeTakeFirst()
                ).numUpdatedRows,
              );
        if (changed === 0) return false;
        await outbox.enqueue(messages, trx);
        return true;
      });
    },
  };
}

export type KvRows = ReturnType<typeof kvRows>;
