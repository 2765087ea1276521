/**
 * The volunteers' ledger, as the app and other features see it.
 *
 * Any feature can post work to a team's volunteers with `postTask` (a key-care
 * check, a delivery): the team's volunteers get a private post with "I'll do
 * it", the first claim wins, Done logs the hours from claim to done. Work
 * whose claim its owner decides (a request, with its own race-safe claim)
 * passes its own claim button as `claimData` and reports each change of
 * state with `followTask`, inside its own transaction; the hours are then
 * written in that transaction. `CATEGORY_TEAM` (domain/volunteers.ts) says
 * which team a request of each category goes to.
 */
export { replyTaskBoard, volunteers } from "./commands.js";
export { runVolunteerJobs, VOLUNTEER_JOB_INTERVAL_MS } from "./job.js";
export { VOLUNTEER_PROFILE } from "./profile.js";
export {
  type Actor as TaskActor,
  claimPostedTask,
  closeTask,
  followTask,
  forgetVolunteer,
  type PostTaskInput,
  postStillWanted,
  postTask,
  reopenTask,
  type TaskOutcome,
} from "./service.js";
