/**
 * The grid, as the app and other features see it: who looks after a unit
 * (`loadGrid`, `unitsOf` for "mine" views and per-worker reports), what a
 * resident is told about their worker (`workerLinesFor`, the Ask button), a
 * resident's question to their worker (`askWorker`: the notice ❓ goes here
 * first), and what the app installs (the commands, the conversation, the job).
 */
export { ASK_WORKER, sentText as askedText } from "./ask.js";
export { grid, startAsk } from "./commands.js";
export { GRID_INTERVAL_MS, runGridJobs } from "./job.js";
export { askKeyboard, workerLines } from "./render.js";
export {
  type AskOutcome,
  askWorker,
  loadGrid,
  myWorker,
  unitsOf,
  workerLinesFor,
} from "./service.js";
