/**
 * Group buys and free distributions, as the app sees them: the commands and
 * buttons, the opening and quantity conversations, and the deadline job.
 */
export { groupbuy } from "./commands.js";
export { GROUPBUY_COMPOSER } from "./compose.js";
export { GROUPBUY_INTERVAL_MS, runGroupbuyDeadlines } from "./job.js";
export { GROUPBUY_QUANTITY } from "./quantity.js";
