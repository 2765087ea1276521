/** Buildings, rooms, households, people, roles, invites, groups, audit log, key-value state. */
import type { Kysely, Migration } from "kysely";
import { columnTypes } from "../dialect.js";

export const community: Migration = {
  async up(db: Kysely<unknown>) {
    const t = columnTypes(db);
    await db.schema
      .createTable("people")
      .addColumn("id", t.id, (c) => c.primaryKey())
      .addColumn("first_name", "text")
      .addColumn("username", "text")
      .addColumn("display_name", "text")
      .addColumn("phone", "text")
      .addColumn("language", "text")
      .addColumn("reachability", "text", (c) => c.notNull().defaultTo("unknown"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("forgotten_at", "text")
      .execute();
    await db.schema.createIndex("people_username").on("people").column("username").execute();

    await db.schema
      .createTable("roles")
      .addColumn("person_id", t.id, (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("granted_by", t.id)
      .addColumn("granted_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("roles_pk", ["person_id", "role"])
      .execute();

    await db.schema
      .createTable("invites")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_by", t.id, (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_by", t.id)
      .addColumn("used_at", "text")
      .execute();

    await db.schema
      .createTable("buildings")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("rooms")
      .addColumn("building", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("room", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("rooms_pk", ["building", "unit", "room"])
      .execute();

    await db.schema
      .createTable("households")
      .addColumn("id", ...t.autoId)
      .addColumn("building", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("room", "text", (c) => c.notNull())
      .addColumn("members", t.int, (c) => c.notNull().defaultTo(1))
      .addColumn("lives_alone", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("over_75", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("reduced_mobility", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("chronic_medicine", t.int, (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("households_address", ["building", "unit", "room"])
      .execute();

    await db.schema
      .createTable("residents")
      .addColumn("person_id", t.id, (c) => c.primaryKey())
      .addColumn("household_id", t.id, (c) => c.notNull())
      .addColumn("registered_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("residents_household")
      .on("residents")
      .column("household_id")
      .execute();

    await db.schema
      .createTable("groups")
      .addColumn("chat_id", t.id, (c) => c.primaryKey())
      .addColumn("title", "text")
      .addColumn("kind", "text")
      .addColumn("building", "text")
      .addColumn("active", t.int, (c) => c.notNull().defaultTo(1))
      .addColumn("added_by", t.id)
      .addColumn("welcome_message_id", t.id)
      .addColumn("migrated_from", t.id)
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", ...t.autoId)
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", t.id)
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .execute();

    await db.schema
      .createTable("kv")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};
