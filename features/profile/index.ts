/** What a person can see and change about themselves: /me, /language, /forget. */
export { profile } from "./commands.js";
