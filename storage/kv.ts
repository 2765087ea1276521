/**
 * A small key-value table. It backs grammY conversations' state, so a
 * conversation survives a restart of the bot.
 */
import type { VersionedState, VersionedStateStorage } from "@grammyjs/conversations";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";

export function kvStorage<S>(
  db: DB,
  clock: Clock,
  prefix: string,
): VersionedStateStorage<string, S> {
  return {
    async read(key) {
      const row = await db
        .selectFrom("kv")
        .select("value")
        .where("key", "=", prefix + key)
        .executeTakeFirst();
      return row ? (JSON.parse(row.value) as VersionedState<S>) : undefined;
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
