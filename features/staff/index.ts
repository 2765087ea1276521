/** Staff roles: /invite, /roles, /revoke. */
export { staff } from "./commands.js";
export { redeemInvite } from "./service.js";
