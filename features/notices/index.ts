/**
 * Notices, as the app sees them: the commands and buttons, the composer and
 * question conversations, the live-report job and its outbox hook.
 */
export { notices } from "./commands.js";
export { COMPOSE_NOTICE, composeNotice } from "./compose.js";
export { markNoticeReport, REPORT_EDIT_INTERVAL_MS, refreshReports } from "./job.js";
export { askNoticeQuestion, NOTICE_QUESTION } from "./question.js";
