/** The command menus Telegram shows, per scope: private chats, groups, each staff member. */
import type { Api } from "grammy";
import type { BotCommand, LanguageCode } from "grammy/types";
import type { BotDeps } from "../../bot/context.js";
import { LOCALES, localeFor } from "../../bot/i18n.js";
import type { Role } from "../../domain/roles.js";
import { setDashboardButton } from "../dashboard/index.js";
import { commandsFor } from "./command-list.js";

function menu(
  deps: BotDeps,
  locale: string,
  held: ReadonlySet<Role>,
  where: "private" | "group",
): BotCommand[] {
  return commandsFor(held, where).map((c) => ({
    command: c.name,
    description: deps.i18n.t(locale, `cmd-${c.name}`),
  }));
}

/** Sets the menus for everyone: private chats (residents), groups. Called once at start. */
export async function setDefaultMenus(api: Api, deps: BotDeps): Promise<void> {
  const none = new Set<Role>();
  for (const locale of LOCALES) {
    const language_code =
      locale === deps.config.defaultLocale ? undefined : (locale.slice(0, 2) as LanguageCode);
    await api.setMyCommands(menu(deps, locale, none, "private"), {
      scope: { type: "all_private_chats" },
      language_code,
    });
    await api.setMyCommands(menu(deps, locale, none, "group"), {
      scope: { type: "all_group_chats" },
      language_code,
    });
  }
}

/**
 * A staff member's own menu in their private chat, after a role changes:
 * their commands, and the dashboard's menu button if they may open it.
 */
export async function setPersonalMenu(
  api: Api,
  deps: BotDeps,
  personId: number,
  locale: string,
  held: ReadonlySet<Role>,
): Promise<void> {
  await api.setMyCommands(menu(deps, locale, held, "private"), {
    scope: { type: "chat", chat_id: personId },
  });
  await setDashboardButton(api, deps, personId, locale, held);
}

/**
 * Every staff member's own menu, at start: roles granted while the bot was
 * down, and the admins from ADMIN_IDS, get their commands too.
 */
export async function setStaffMenus(api: Api, deps: BotDeps): Promise<void> {
  const held = new Map<number, Set<Role>>();
  for (const h of await deps.storage.roles.holders()) {
    held.set(h.personId, (held.get(h.personId) ?? new Set<Role>()).add(h.role));
  }
  for (const id of deps.config.adminIds)
    held.set(id, (held.get(id) ?? new Set<Role>()).add("admin"));
  for (const [id, roles] of held) {
    const person = await deps.storage.people.get(id);
    const locale = localeFor(deps, person);
    try {
      await setPersonalMenu(api, deps, id, locale, roles);
    } catch (err) {
      // Someone who never opened the bot has no chat yet; their menu is set when they do.
      deps.logger.debug({ err, person: id }, "staff menu not set");
    }
  }
}
