/** Staff roles: /invite, /roles, /revoke. */
export { INVITE_TTL_MS, staff } from "./commands.js";
