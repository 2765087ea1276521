/** The dashboard's menu button in a staff member's private chat with the bot. */
import type { Api } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { mayAct, type Role } from "../../domain/roles.js";
import { DASHBOARD_ROLES } from "./service.js";

/**
 * Staff who may open the dashboard get a menu button that opens it (a Web
 * App button, set for their chat only); anyone else gets the default menu
 * back (a role taken away takes the button with it). Nothing without
 * WEB_APP_URL: Telegram needs the page's https address.
 */
export async function setDashboardButton(
  api: Api,
  deps: BotDeps,
  chatId: number,
  locale: string,
  held: ReadonlySet<Role>,
): Promise<void> {
  const url = deps.config.webApp.url;
  if (!url) return;
  await api.setChatMenuButton({
    chat_id: chatId,
    menu_button: mayAct(held, DASHBOARD_ROLES)
      ? { type: "web_app", text: deps.i18n.t(locale, "dash-menu-button"), web_app: { url } }
      : { type: "default" },
  });
}
