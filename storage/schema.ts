/** Table types for Kysely. Times are ISO-8601 strings in UTC. */
import type { Generated } from "kysely";
import type {
  CheckinOptInTable,
  CheckinPromptsTable,
  CheckinReadingsTable,
  CheckinRunsTable,
  CheckinSettingsTable,
} from "./checkin-schema.js";
import type {
  DutyShiftsTable,
  DutyStatusTable,
  EscalationEventsTable,
  EscalationPagesTable,
  EscalationSettingsTable,
  EscalationsTable,
} from "./escalation-schema.js";
import type { OutboxTable } from "./outbox-schema.js";
import type {
  RequestDailySummariesTable,
  RequestEventsTable,
  RequestGroupHintsTable,
  RequestsTable,
} from "./requests-schema.js";

export type Reachability = "unknown" | "reachable" | "blocked";

export interface PeopleTable {
  /** Telegram user id. */
  id: number;
  first_name: string | null;
  username: string | null;
  /** How the person asked to be addressed. */
  display_name: string | null;
  phone: string | null;
  /** Chosen with /language; null follows Telegram's language_code. */
  language: string | null;
  /** Whether a private message can reach them ("unknown" until they press Start). */
  reachability: Reachability;
  created_at: string;
  updated_at: string;
  forgotten_at: string | null;
  /** Telegram's language_code, last seen; used when the person chose no language. */
  telegram_language: Generated<string | null>;
}

export interface RolesTable {
  person_id: number;
  role: string;
  granted_by: number | null;
  granted_at: string;
}

export interface InvitesTable {
  code: string;
  role: string;
  created_by: number;
  created_at: string;
  expires_at: string;
  used_by: number | null;
  used_at: string | null;
}

export interface BuildingsTable {
  code: string;
  created_at: string;
}

export interface RoomsTable {
  building: string;
  unit: string;
  room: string;
}

export interface HouseholdsTable {
  id: Generated<number>;
  building: string;
  unit: string;
  room: string;
  members: number;
  lives_alone: number;
  over_75: number;
  reduced_mobility: number;
  chronic_medicine: number;
  created_at: string;
  updated_at: string;
}

export interface ResidentsTable {
  person_id: number;
  household_id: number;
  registered_at: string;
}

export interface GroupsTable {
  chat_id: number;
  title: string | null;
  /** null until an admin binds it. */
  kind: "building" | "staff" | null;
  building: string | null;
  active: number;
  added_by: number | null;
  welcome_message_id: number | null;
  migrated_from: number | null;
  created_at: string;
  updated_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  outcome: "ok" | "denied";
  detail: string | null;
}

export interface KvTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface HouseholdTagsTable {
  household_id: number;
  tag: string;
  added_by: number | null;
  added_at: string;
}

export type NoticeUrgency = "normal" | "urgent";
export type NoticeStatus = "active" | "superseded";

export interface NoticesTable {
  id: Generated<number>;
  created_by: number;
  created_at: string;
  urgency: NoticeUrgency;
  /** When it was due to go out (before quiet hours moved it). */
  send_at: string;
  status: Generated<NoticeStatus>;
  supersedes: number | null;
  superseded_by: Generated<number | null>;
  recipients: number;
  report_chat_id: Generated<number | null>;
  report_message_id: Generated<number | null>;
  report_edited_at: Generated<string | null>;
  /** 1 when the live report needs an edit (a delivery or a confirmation changed). */
  report_dirty: Generated<number>;
  reminded_at: Generated<string | null>;
}

export interface NoticeVersionsTable {
  id: Generated<number>;
  notice_id: number;
  /** 0 for the first version; a higher one was written as the exception. */
  position: number;
  /** The target as the worker typed it. */
  target: string;
  text: string;
  /** JSON of Telegram's message entities (formatting), or null. */
  entities: string | null;
}

export interface NoticeDeliveriesTable {
  notice_id: number;
  person_id: number;
  household_id: number;
  /** Position of the version this resident got. */
  version: number;
  /** The unit tag, e.g. 3-2-501. */
  address: string;
  /** The outbox row carrying it; null when it was not sent. */
  outbox_id: number | null;
  /** Why it was not sent: "blocked" (the person had blocked the bot). */
  skipped: string | null;
  confirmed_at: Generated<string | null>;
  question: Generated<string | null>;
  question_at: Generated<string | null>;
}

export interface Database {
  people: PeopleTable;
  roles: RolesTable;
  invites: InvitesTable;
  buildings: BuildingsTable;
  rooms: RoomsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  groups: GroupsTable;
  audit_log: AuditTable;
  kv: KvTable;
  outbox: OutboxTable;
  household_tags: HouseholdTagsTable;
  notices: NoticesTable;
  notice_versions: NoticeVersionsTable;
  notice_deliveries: NoticeDeliveriesTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_group_hints: RequestGroupHintsTable;
  request_daily_summaries: RequestDailySummariesTable;
  checkin_settings: CheckinSettingsTable;
  checkin_readings: CheckinReadingsTable;
  checkin_prompts: CheckinPromptsTable;
  checkin_runs: CheckinRunsTable;
  checkin_opt_in: CheckinOptInTable;
  escalations: EscalationsTable;
  escalation_pages: EscalationPagesTable;
  escalation_events: EscalationEventsTable;
  escalation_settings: EscalationSettingsTable;
  duty_status: DutyStatusTable;
  duty_shifts: DutyShiftsTable;
}
