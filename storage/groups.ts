/** Group chats the bot is in, and what each is bound to. */
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { lockForUpdate } from "./dialect.js";
import type { GroupsTable } from "./groups-schema.js";
import { inTransaction } from "./transaction.js";

export interface Group {
  chatId: number;
  title: string | null;
  /** null until an admin binds it. */
  kind: "building" | "staff" | null;
  building: string | null;
  /** False once the bot was removed. */
  active: boolean;
  addedBy: number | null;
  welcomeMessageId: number | null;
  migratedFrom: number | null;
  createdAt: string;
  updatedAt: string;
}

function toGroup(r: GroupsTable): Group {
  return {
    chatId: r.chat_id,
    title: r.title,
    kind: r.kind,
    building: r.building,
    active: r.active === 1,
    addedBy: r.added_by,
    welcomeMessageId: r.welcome_message_id,
    migratedFrom: r.migrated_from,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function groupsRepo(db: DB, clock: Clock) {
  return {
    async get(chatId: number): Promise<Group | undefined> {
      const row = await db
        .selectFrom("groups")
        .selectAll()
        .where("chat_id", "=", chatId)
        .executeTakeFirst();
      return row && toGroup(row);
    },

    /** The bot was added (or re-added): the group is active; an existing binding is kept. */
    async recordAdded(chatId: number, title: string | null, addedBy: number | null): Promise<void> {
      const now = iso(clock);
      await db
        .insertInto("groups")
        .values({
          chat_id: chatId,
          title,
          kind: null,
          building: null,
          active: 1,
          added_by: addedBy,
          welcome_message_id: null,
          migrated_from: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .column("chat_id")
            .doUpdateSet({ title, active: 1, added_by: addedBy, updated_at: now }),
        )
        .execute();
    },

    /** The bot was removed: kept, but inactive. */
    async markInactive(chatId: number): Promise<void> {
      await db
        .updateTable("groups")
        .set({ active: 0, updated_at: iso(clock) })
        .where("chat_id", "=", chatId)
        .execute();
    },

    async bind(chatId: number, kind: "building" | "staff", building: string | null): Promise<void> {
      await db
        .updateTable("groups")
        .set({ kind, building, updated_at: iso(clock) })
        .where("chat_id", "=", chatId)
        .execute();
    },

    async setWelcome(chatId: number, messageId: number): Promise<void> {
      await db
        .updateTable("groups")
        .set({ welcome_message_id: messageId, updated_at: iso(clock) })
        .where("chat_id", "=", chatId)
        .execute();
    },

    /**
     * A group became a supergroup: the row moves to the new id with its
     * binding. Safe to call twice (Telegram sends both the "migrate to" and the
     * "migrate from" service messages).
     */
    async migrate(oldId: number, newId: number): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        // Locked: "migrate to" and "migrate from" of one group, handled at once, wait
        // for each other; the second then finds the old row gone.
        const old = await lockForUpdate(
          trx,
          trx.selectFrom("groups").selectAll().where("chat_id", "=", oldId),
        ).executeTakeFirst();
        if (!old) return false;
        const already = await trx
          .selectFrom("groups")
          .select("chat_id")
          .where("chat_id", "=", newId)
          .executeTakeFirst();
        if (already) await trx.deleteFrom("groups").where("chat_id", "=", newId).execute();
        await trx
          .updateTable("groups")
          .set({ chat_id: newId, migrated_from: oldId, updated_at: iso(clock) })
          .where("chat_id", "=", oldId)
          .execute();
        return true;
      });
    },

    async active(): Promise<Group[]> {
      const rows = await db.selectFrom("groups").selectAll().where("active", "=", 1).execute();
      return rows.map(toGroup);
    },
  };
}
