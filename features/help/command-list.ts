/**
 * Every command, who may use it and where. /help and Telegram's command menus
 * are built from this one list; descriptions are `cmd-<name>` in locales/.
 */
import type { Role } from "../../domain/roles.js";

export interface CommandSpec {
  name: string;
  /** Who may use it; empty means everyone. Admins may use everything. */
  roles: readonly Role[];
  where: "private" | "group" | "both";
}

export const COMMANDS: readonly CommandSpec[] = [
  { name: "start", roles: [], where: "private" },
  { name: "sos", roles: [], where: "private" },
  { name: "register", roles: [], where: "private" },
  { name: "me", roles: [], where: "private" },
  { name: "language", roles: [], where: "private" },
  { name: "forget", roles: [], where: "private" },
  { name: "cancel", roles: [], where: "private" },
  { name: "notices", roles: [], where: "private" },
  { name: "request", roles: [], where: "private" },
  { name: "requests", roles: [], where: "private" },
  { name: "checkin", roles: [], where: "private" },
  { name: "checkin_remind", roles: [], where: "private" },
  { name: "ask", roles: [], where: "private" },
  { name: "orders", roles: [], where: "private" },
  { name: "help", roles: [], where: "both" },
  { name: "medicine", roles: [], where: "private" },
  { name: "queue", roles: [], where: "private" },
  { name: "notice", roles: ["worker"], where: "private" },
  { name: "report", roles: ["worker"], where: "private" },
  { name: "supersede", roles: ["worker"], where: "private" },
  { name: "tag", roles: ["worker"], where: "private" },
  { name: "untag", roles: ["worker"], where: "private" },
  { name: "coverage", roles: ["worker", "coordinator"], where: "private" },
  { name: "residents", roles: ["worker"], where: "private" },
  { name: "mygrid", roles: ["worker"], where: "private" },
  { name: "doors", roles: ["worker", "coordinator"], where: "private" },
  { name: "grid", roles: ["coordinator", "worker"], where: "private" },
  { name: "care", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "groupbuy", roles: ["worker", "coordinator"], where: "private" },
  { name: "groupbuys", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "tasks", roles: ["volunteer"], where: "private" },
  { name: "ledger", roles: ["coordinator"], where: "private" },
  { name: "export", roles: ["coordinator"], where: "private" },
  { name: "duty", roles: ["coordinator"], where: "private" },
  { name: "onduty", roles: ["worker", "coordinator", "volunteer"], where: "both" },
  { name: "escalation", roles: ["coordinator", "worker"], where: "private" },
  { name: "page", roles: ["admin"], where: "private" },
  { name: "shifts", roles: ["admin"], where: "private" },
  { name: "escalation_settings", roles: ["admin"], where: "private" },
  { name: "checkins", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "checkin_for", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "checkin_settings", roles: ["admin"], where: "private" },
  { name: "round_open", roles: ["worker"], where: "private" },
  { name: "rounds", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "queue_open", roles: ["worker", "coordinator"], where: "private" },
  { name: "queues", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "invite", roles: ["admin"], where: "private" },
  { name: "roles", roles: ["admin"], where: "private" },
  { name: "revoke", roles: ["admin"], where: "private" },
  { name: "layout", roles: ["admin"], where: "private" },
  { name: "bind", roles: ["admin"], where: "group" },
  { name: "volunteers", roles: [], where: "both" },
  { name: "volunteer", roles: ["volunteer"], where: "private" },
  { name: "myshifts", roles: ["volunteer"], where: "private" },
  { name: "myhours", roles: ["volunteer"], where: "private" },
  { name: "addhours", roles: ["volunteer", "coordinator"], where: "private" },
  { name: "teams", roles: ["worker", "coordinator", "volunteer"], where: "private" },
  { name: "team_shifts", roles: ["coordinator"], where: "private" },
  { name: "team_task", roles: ["coordinator"], where: "private" },
  { name: "hours", roles: ["coordinator"], where: "private" },
  { name: "volunteers_export", roles: ["coordinator"], where: "private" },
];

export function commandsFor(held: ReadonlySet<Role>, where: "private" | "group"): CommandSpec[] {
  const isAdmin = held.has("admin");
  return COMMANDS.filter(
    (c) =>
      (c.where === where || c.where === "both") &&
      (c.roles.length === 0 || isAdmin || c.roles.some((r) => held.has(r))),
  );
}
