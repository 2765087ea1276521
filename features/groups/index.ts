/** Group chats: the bot added or removed, /bind, the welcome message, supergroup migration. */
export { groups } from "./commands.js";
