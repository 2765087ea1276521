/**
 * How a request moves: its states, the actions on it, and who may take each
 * action from which state. Pure: no grammY, no SQL.
 */
import type { Category } from "./request-catalogue.js";
import { mayAct, type Role } from "./roles.js";

// ============================================================ state machine

export const STATUSES = [
  "new",
  "taken",
  "assigned",
  "accepted",
  "done",
  "solved",
  "reopened",
  "cant_do",
] as const;
export type Status = (typeof STATUSES)[number];

/** Someone still has to act. */
export const OPEN_STATUSES: readonly Status[] = [
  "new",
  "reopened",
  "taken",
  "assigned",
  "accepted",
];
/** Nobody holds it yet. */
export const UNCLAIMED: readonly Status[] = ["new", "reopened"];
/** Work finished (the resident may still say it isn't solved). */
export const RESOLVED: readonly Status[] = ["done", "solved"];

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

export type Action =
  | "take"
  | "claim"
  | "assign"
  | "accept"
  | "decline"
  | "release"
  | "done"
  | "cant"
  | "solved"
  | "reopen";

/** The states each action starts from. */
export const ACTION_FROM: Readonly<Record<Action, readonly Status[]>> = {
  take: UNCLAIMED,
  claim: UNCLAIMED,
  assign: ["new", "reopened", "taken", "assigned"],
  accept: ["assigned"],
  decline: ["assigned"],
  release: ["accepted"],
  done: OPEN_STATUSES,
  cant: OPEN_STATUSES,
  solved: ["done"],
  reopen: ["done"],
};

/** The facts about a request the rules need. */
export interface RequestFacts {
  status: Status;
  category: Category;
  handlerId: number | null;
  assigneeId: number | null;
  /** Who hears back and answers "Solved?": the resident, or the staff member who filed for someone. */
  contactId: number | null;
}

export interface ActorFacts {
  id: number;
  roles: ReadonlySet<Role>;
}

export type Refusal =
  /** The person's roles don't allow it (audited as denied). */
  | "denied"
  /** Only the resident (contact) may answer. */
  | "not-contact"
  /** Only the volunteer holding it may do this. */
  | "not-holder"
  /** Someone took it first. */
  | "taken"
  /** Already finished (done, solved or can't do). */
  | "closed"
  /** Not possible in the current state (e.g. accept after the volunteer was changed). */
  | "state";

export type Decision = { ok: true; to: Status } | { ok: false; reason: Refusal };

/** Who may do what: coordinators run the ledger, volunteers act on what they hold, residents answer. */
export function decide(action: Action, actor: ActorFacts, req: RequestFacts): Decision {
  const coordinator = mayAct(actor.roles, ["coordinator"]);
  const volunteer = actor.roles.has("volunteer");
  const holds = req.assigneeId === actor.id;
  const allowed = ((): Refusal | undefined => {
    switch (action) {
      case "take":
      case "assign":
      case "cant":
        return coordinator ? undefined : "denied";
      case "claim":
        if (coordinator) return undefined;
        return volunteer && req.category !== "policy" ? undefined : "denied";
      case "accept":
      case "decline":
      case "release":
        return holds || actor.roles.has("admin") ? undefined : volunteer ? "not-holder" : "denied";
      case "done":
        if (coordinator) return undefined;
        if (!volunteer) return "denied";
        return holds && req.status === "accepted" ? undefined : "not-holder";
      case "solved":
      case "reopen":
        return req.contactId === actor.id || actor.roles.has("admin") ? undefined : "not-contact";
    }
  })();
  if (allowed) return { ok: false, reason: allowed };
  if (!ACTION_FROM[action].includes(req.status)) {
    if (req.status === "solved" || req.status === "cant_do") return { ok: false, reason: "closed" };
    if (req.status === "done" && action !== "solved" && action !== "reopen")
      return { ok: false, reason: "closed" };
    if ((action === "take" || action === "claim") && isOpen(req.status))
      return { ok: false, reason: "taken" };
    return { ok: false, reason: "state" };
  }
  return { ok: true, to: target(action, req) };
}

/** Where an action leads. A volunteer giving a task back returns it to its coordinator, or to the queue. */
export function target(action: Action, req: Pick<RequestFacts, "handlerId">): Status {
  switch (action) {
    case "take":
      return "taken";
    case "claim":
    case "accept":
      return "accepted";
    case "assign":
      return "assigned";
    case "decline":
    case "release":
      return req.handlerId === null ? "new" : "taken";
    case "done":
      return "done";
    case "cant":
      return "cant_do";
    case "solved":
      return "solved";
    case "reopen":
      return "reopened";
  }
}
