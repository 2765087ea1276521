/** /start: the door into private chat and its deep links. */
export { start } from "./commands.js";
