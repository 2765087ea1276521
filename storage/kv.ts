/**
 * A small key-value table of JSON values. It backs grammY conversations'
 * state, so a conversation survives a restart of the bot, and the
 * conversations someone asked to start while another was open.
 */
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";

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
