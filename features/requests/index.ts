/**
 * Requests, as the app and other features see it: filing one (a notice's
 * question becomes a policy-question request), the deep links /start opens,
 * and what the app installs (the commands, the intake and note
 * conversations, the end-of-day summary job).
 */
export { requests, startIntake, startRequestFromLink } from "./commands.js";
export { REQUEST_INTAKE } from "./intake.js";
export { dailyRequestSummary, REQUEST_SUMMARY_EVERY_MS } from "./job.js";
export { REQUEST_NOTE } from "./note.js";
export { fileRequest, noticeQuestionDraft, type RequestDraft } from "./service.js";
