/**
 * Notices, as the app sees them: the commands and buttons, the composer and
 * question conversations, the live-report job and its outbox hook.
 */
export { notices } from "./commands.js";
export { NOTICE_COMPOSER } from "./compose.js";
export { markNoticeReport, REPORT_EDIT_INTERVAL_MS, refreshReports } from "./job.js";
export { NOTICE_QUESTION } from "./question.js";
export { expandNotices } from "./service.js";
