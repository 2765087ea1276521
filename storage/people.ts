/** People: everyone the bot has met, their language and whether it can reach them. */

import type { Selectable } from "kysely";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import type { PeopleTable, Reachability } from "./schema.js";

export type Person = Selectable<PeopleTable>;

export interface TelegramUserLike {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export function peopleRepo(db: DB, clock: Clock) {
  return {
    async get(id: number): Promise<Person | undefined> {
      return db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
    },

    /**
     * Records that we met this user. A private message from them proves they
     * pressed Start, so they become reachable.
     */
    async touch(user: TelegramUserLike, inPrivate: boolean): Promise<Person> {
      const now = iso(clock);
      await db
        .insertInto("people")
        .values({
          id: user.id,
          first_name: user.first_name ?? null,
          username: user.username ?? null,
          display_name: null,
          phone: null,
          language: null,
          reachability: inPrivate ? "reachable" : "unknown",
          telegram_language: user.language_code ?? null,
          created_at: now,
          updated_at: now,
          forgotten_at: null,
        })
        .onConflict((oc) =>
          oc.column("id").doUpdateSet((eb) => ({
            first_name: user.first_name ?? null,
            username: user.username ?? null,
            telegram_language: user.language_code ?? eb.ref("people.telegram_language"),
            reachability: inPrivate ? "reachable" : eb.ref("people.reachability"),
          })),
        )
        .execute();
      return (await this.get(user.id)) as Person;
    },

    async findByUsername(username: string): Promise<Person | undefined> {
      return db
        .selectFrom("people")
        .selectAll()
        .where((eb) => eb.fn("lower", ["username"]), "=", username.replace(/^@/, "").toLowerCase())
        .executeTakeFirst();
    },

    async setLanguage(id: number, language: string): Promise<void> {
      await db
        .updateTable("people")
        .set({ language, updated_at: iso(clock) })
        .where("id", "=", id)
        .execute();
    },

    async setReachability(id: number, reachability: Reachability): Promise<void> {
      await db
        .updateTable("people")
        .set({ reachability, updated_at: iso(clock) })
        .where("id", "=", id)
        .execute();
    },
  };
}
