/**
 * The daily health check-in, as the app and other features see it: starting
 * a report (the group prompt's deep link comes in through /start), and what
 * the app installs (the commands, the reporting conversation, the daily job).
 */
export { checkin, startCheckin } from "./commands.js";
export { CHECKIN } from "./conversation.js";
export { CHECKIN_INTERVAL_MS, runCheckinJobs } from "./job.js";
