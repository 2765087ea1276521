/**
 * Queue numbers (线上排队), as the app and other features see them: the
 * commands and buttons, the opening conversation, and the deep link /start
 * opens (`queue_<id>`, from the post in a building group).
 */
export { queue, startQueueFromLink } from "./commands.js";
export { QUEUE_OPEN } from "./open.js";
