/**
 * The staff dashboard (a Telegram Mini App), as the app and other features
 * see it: the HTTP handler to mount (`createDashboard(deps)`), the menu
 * button that opens it, and who may open it.
 */
export { setDashboardButton } from "./menu.js";
export { createDashboard, type DashboardHandler } from "./server.js";
export { DASHBOARD_ROLES } from "./service.js";
