/**
 * The key-care round, as the app and other features see it: the list and
 * today's checks (`openCareTasks` and `recordOutcome`: what a volunteers'
 * task board would post and record; `roundView` for a summary), the activity
 * middleware the silence signal needs, and what the app installs (the
 * commands, the daily job).
 */
export { recordActivity } from "./activity.js";
export { care } from "./commands.js";
export { CARE_INTERVAL_MS, runCareJobs } from "./job.js";
export {
  CARE_REF,
  type CareTask,
  careList,
  openCareTasks,
  recordOutcome,
  roundView,
} from "./service.js";
