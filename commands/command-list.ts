/**
 * Every command, who may use it and where. /help and Telegram's command menus
 * are built from this one list; descriptions are `cmd-<name>` in locales/.
 */
import type { Role } from "../domain/roles.js";

export interface CommandSpec {
  name: string;
  /** Who may use it; empty means everyone. Admins may use everything. */
  roles: readonly Role[];
  where: "private" | "group" | "both";
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: "start", roles: [], where: "private" },
  { name: "register", roles: [], where: "private" },
  { name: "me", roles: [], where: "private" },
  { name: "language", roles: [], where: "private" },
  { name: "forget", roles: [], where: "private" },
  { name: "cancel", roles: [], where: "private" },
  { name: "notices", roles: [], where: "private" },
  { name: "help", roles: [], where: "both" },
  { name: "notice", roles: ["worker"], where: "private" },
  { name: "report", roles: ["worker"], where: "private" },
  { name: "supersede", roles: ["worker"], where: "private" },
  { name: "tag", roles: ["worker"], where: "private" },
  { name: "untag", roles: ["worker"], where: "private" },
  { name: "coverage", roles: ["worker"], where: "private" },
  { name: "invite", roles: ["admin"], where: "private" },
  { name: "roles", roles: ["admin"], where: "private" },
  { name: "revoke", roles: ["admin"], where: "private" },
  { name: "layout", roles: ["admin"], where: "private" },
  { name: "bind", roles: ["admin"], where: "group" },
];

export function commandsFor(held: ReadonlySet<Role>, where: "private" | "group"): CommandSpec[] {
  const isAdmin = held.has("admin");
  return COMMANDS.filter(
    (c) =>
      (c.where === where || c.where === "both") &&
      (c.roles.length === 0 || isAdmin || c.roles.some((r) => held.has(r))),
  );
}
