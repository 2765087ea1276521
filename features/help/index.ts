/**
 * Help and the command menus, as the app and other features see them: /help,
 * the one list of commands, and setting Telegram's menus (for everyone at
 * start, and for one person when their roles change).
 */
export { COMMANDS, type CommandSpec, commandsFor } from "./command-list.js";
export { help } from "./commands.js";
export { setDefaultMenus, setPersonalMenu, setStaffMenus } from "./menus.js";
