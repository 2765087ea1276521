/**
 * Escalation, as the app and other features see it: the one door for urgent
 * items (`raiseUrgent`), taking an item ("I'm on it") from elsewhere, who is
 * on duty, the resident's 🆘 key, and what the app installs (the commands,
 * the SOS conversation, the ladder's job and its outbox hook).
 */
export { askToOpenPrivate, escalation, showItemFromLink } from "./commands.js";
export { ESCALATION_INTERVAL_MS, pageStillWanted, runEscalations } from "./job.js";
export { SOS_KEY, sosKeyboard } from "./render.js";
export {
  acknowledge,
  coordinatorsNow,
  onDutyNow,
  type Raised,
  raiseUrgent,
  raiseUrgentDetailed,
  type UrgentItem,
  type UrgentKind,
} from "./service.js";
export { SOS } from "./sos.js";
export type { Summary } from "./summary.js";
