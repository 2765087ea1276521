/** People: everyone the bot has met, their language and whether it can reach them. */

import { type Selectable, sql } from "kysely";
import type { Role } from "../domain/roles.js";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { stringAgg } from "./dialect.js";
import type { PeopleTable, Reachability } from "./people-schema.js";

/** A person as the bot and its features see them. */
export interface Person {
  /** Telegram user id. */
  id: number;
  firstName: string | null;
  username: string | null;
  /** How the person asked to be addressed. */
  displayName: string | null;
  phone: string | null;
  /** Chosen with /language; null follows Telegram's language_code. */
  language: string | null;
  reachability: Reachability;
  createdAt: string;
  updatedAt: string;
  forgottenAt: string | null;
  /** Telegram's language_code, last seen. */
  telegramLanguage: string | null;
}

export function toPerson(r: Selectable<PeopleTable>): Person {
  return {
    id: r.id,
    firstName: r.first_name,
    username: r.username,
    displayName: r.display_name,
    phone: r.phone,
    language: r.language,
    reachability: r.reachability,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    forgottenAt: r.forgotten_at,
    telegramLanguage: r.telegram_language,
  };
}

/** A person as the bot meets them on each update. */
export interface MetPerson {
  person: Person;
  /** Roles stored in the database (ADMIN_IDS are added by the bot). */
  roles: Role[];
  /** Whether they are registered in a household. */
  resident: boolean;
}

export interface TelegramUserLike {
  id: number;
  first_name?: string;
  username?: string;
  language_code?: string;
}

export function peopleRepo(db: DB, clock: Clock) {
  /**
   * The person behind an update, with their stored roles and whether they
   * are a registered resident: one read. With `store` (they are using the
   * bot: see bot/middleware.ts), they are recorded, or updated when
   * something changed (name, username, language, reachability); a private
   * message proves they pressed Start, so `reachable` marks them so.
   * Without it nothing is written: someone who only sits in a group gets a
   * person that exists for this update only.
   *
   * A person who used /forget keeps no name: Telegram's first name and
   * username are never stored for them again (until they register again).
   */
  async function meet(
    user: TelegramUserLike,
    opts: { reachable: boolean; store: boolean },
  ): Promise<MetPerson> {
    const found = await db
      .selectFrom("people")
      .selectAll("people")
      .select((eb) => [
        eb
          .selectFrom("roles")
          .select(stringAgg(db, sql.ref("role")).as("roles"))
          .whereRef("roles.person_id", "=", "people.id")
          .as("roles"),
        eb
          .exists(
            eb
              .selectFrom("residents")
              .select("person_id")
              .whereRef("residents.person_id", "=", "people.id"),
          )
          .as("resident"),
      ])
      .where("id", "=", user.id)
      .executeTakeFirst();
    const forgotten = found?.forgotten_at != null;
    const wanted = {
      first_name: forgotten ? null : (user.first_name ?? null),
      username: forgotten ? null : (user.username ?? null),
      telegram_language: user.language_code ?? found?.telegram_language ?? null,
      reachability: opts.reachable ? ("reachable" as const) : (found?.reachability ?? "unknown"),
    };
    if (found) {
      const { roles, resident, ...row } = found;
      const met = {
        person: toPerson(row),
        roles: roles ? (roles.split(",") as Role[]) : [],
        resident: Boolean(resident),
      };
      const changed = (Object.keys(wanted) as Array<keyof typeof wanted>).some(
        (k) => row[k] !== wanted[k],
      );
      if (!changed || !opts.store) return met;
      const updated_at = iso(clock);
      await db
        .updateTable("people")
        .set({ ...wanted, updated_at })
        .where("id", "=", user.id)
        .execute();
      return { ...met, person: toPerson({ ...row, ...wanted, updated_at }) };
    }
    const now = iso(clock);
    const fresh = {
      id: user.id,
      ...wanted,
      display_name: null,
      phone: null,
      language: null,
      created_at: now,
      updated_at: now,
      forgotten_at: null,
    };
    // Roles may have been granted before they first used the bot (by id), so look.
    const roles = await db
      .selectFrom("roles")
      .select("role")
      .where("person_id", "=", user.id)
      .execute();
    const granted = roles.map((r) => r.role as Role);
    if (!opts.store) return { person: toPerson(fresh), roles: granted, resident: false };
    const person = await db
      .insertInto("people")
      .values(fresh)
      .onConflict((oc) => oc.column("id").doUpdateSet(wanted))
      .returningAll()
      .executeTakeFirstOrThrow();
    return { person: toPerson(person), roles: granted, resident: false };
  }

  return {
    async get(id: number): Promise<Person | undefined> {
      const row = await db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toPerson(row);
    },

    meet,

    /** Records that they used the bot (`meet` with `store`); `inPrivate` makes them reachable. */
    touch(user: TelegramUserLike, inPrivate: boolean): Promise<MetPerson> {
      return meet(user, { reachable: inPrivate, store: true });
    },

    async findByUsername(username: string): Promise<Person | undefined> {
      const row = await db
        .selectFrom("people")
        .selectAll()
        .where((eb) => eb.fn("lower", ["username"]), "=", username.replace(/^@/, "").toLowerCase())
        .executeTakeFirst();
      return row && toPerson(row);
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
