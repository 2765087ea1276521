/** Buildings, rooms, households, people, roles, invites, groups, audit log, key-value state. */
import type { Kysely, Migration } from "kysely";

export const community: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("people")
      .addColumn("id", "integer", (c) => c.primaryKey())
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
      .addColumn("person_id", "integer", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("granted_by", "integer")
      .addColumn("granted_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("roles_pk", ["person_id", "role"])
      .execute();

    await db.schema
      .createTable("invites")
      .addColumn("code", "text", (c) => c.primaryKey())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_by", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("used_by", "integer")
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
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("building", "text", (c) => c.notNull())
      .addColumn("unit", "text", (c) => c.notNull())
      .addColumn("room", "text", (c) => c.notNull())
      .addColumn("members", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("lives_alone", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("over_75", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("reduced_mobility", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("chronic_medicine", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("households_address", ["building", "unit", "room"])
      .execute();

    await db.schema
      .createTable("residents")
      .addColumn("person_id", "integer", (c) => c.primaryKey())
      .addColumn("household_id", "integer", (c) => c.notNull())
      .addColumn("registered_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("residents_household")
      .on("residents")
      .column("household_id")
      .execute();

    await db.schema
      .createTable("groups")
      .addColumn("chat_id", "integer", (c) => c.primaryKey())
      .addColumn("title", "text")
      .addColumn("kind", "text")
      .addColumn("building", "text")
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("added_by", "integer")
      .addColumn("welcome_message_id", "integer")
      .addColumn("migrated_from", "integer")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", "integer")
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
