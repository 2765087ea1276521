/**
 * Group chats' use cases: the bot added or removed, a group bound to a
 * building or as the staff group, its welcome message, a move to a
 * supergroup; and a person blocking or unblocking the bot in private.
 */
import type { BotDeps } from "../../bot/context.js";
import type { Group } from "../../storage/groups.js";

/** The person blocked (or unblocked) the bot in their private chat. */
export async function setBlocked(deps: BotDeps, personId: number, blocked: boolean) {
  await deps.storage.people.setReachability(personId, blocked ? "blocked" : "reachable");
}

/** The bot was removed: the group is kept, inactive. */
export async function botRemoved(deps: BotDeps, chatId: number, by: number): Promise<void> {
  await deps.storage.groups.markInactive(chatId);
  await deps.storage.audit.log({ actorId: by, action: "group.removed", detail: { chat: chatId } });
}

/** The bot was added (or re-added): the group is active, its binding kept. Returns the group. */
export async function botAdded(
  deps: BotDeps,
  chatId: number,
  title: string | null,
  by: number,
): Promise<Group | undefined> {
  await deps.storage.groups.recordAdded(chatId, title, by);
  await deps.storage.audit.log({ actorId: by, action: "group.added", detail: { chat: chatId } });
  return deps.storage.groups.get(chatId);
}

export type Binding = { kind: "staff" } | { kind: "building"; building: string };

/**
 * Binds a group. A building must exist when there is a layout. A group we
 * have no row for (added before this version, or its my_chat_member update
 * was lost) is recorded first.
 */
export async function bindGroup(
  deps: BotDeps,
  chat: { id: number; title: string | null },
  by: number | null,
  binding: Binding,
): Promise<"ok" | "unknown-building"> {
  const { storage } = deps;
  const building = binding.kind === "building" ? binding.building : null;
  if (
    building &&
    (await storage.layout.hasLayout()) &&
    !(await storage.layout.buildingExists(building))
  )
    return "unknown-building";
  await storage.groups.recordAdded(chat.id, chat.title, by);
  await storage.groups.bind(chat.id, binding.kind, building);
  if (building) await storage.layout.ensureBuilding(building);
  await storage.audit.log({
    actorId: by,
    action: "group.bind",
    detail: { chat: chat.id, kind: binding.kind, building },
  });
  return "ok";
}

/** Remembers the pinned welcome message. */
export async function setWelcome(deps: BotDeps, chatId: number, messageId: number) {
  await deps.storage.groups.setWelcome(chatId, messageId);
}

/** A group became a supergroup: its row and binding move to the new id (safe twice). */
export async function migrateGroup(deps: BotDeps, oldId: number, newId: number): Promise<void> {
  if (await deps.storage.groups.migrate(oldId, newId)) {
    await deps.storage.audit.log({
      actorId: null,
      action: "group.migrated",
      detail: { from: oldId, to: newId },
    });
  }
}
