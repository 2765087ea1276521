/**
 * Medicine rounds (集中购药), as the app sees them: the commands and buttons,
 * and the conversations (opening a round, a resident's list, settling a list).
 */
export { rounds } from "./commands.js";
export { ROUND_OPEN } from "./open.js";
export { ROUND_SETTLE } from "./settle.js";
export { ROUND_SUBMIT } from "./submit.js";
