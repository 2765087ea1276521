/**
 * The database as Kysely sees it, assembled from each feature's schema file.
 * Times are ISO-8601 strings in UTC.
 */
import type {
  CareActivityTable,
  CareChecksTable,
  CarePlansTable,
  CareRunsTable,
} from "./care-schema.js";
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
import type {
  GridMessagesTable,
  GridRelaysTable,
  GridThreadsTable,
  GridUnitsTable,
  GridWorkersTable,
} from "./grid-schema.js";
import type {
  GroupbuyItemsTable,
  GroupbuyLinesTable,
  GroupbuyOrdersTable,
  GroupbuysTable,
} from "./groupbuy-schema.js";
import type { GroupsTable } from "./groups-schema.js";
import type {
  HouseholdRemovalsTable,
  HouseholdsTable,
  ResidentsTable,
} from "./households-schema.js";
import type { BuildingsTable, RoomsTable } from "./layout-schema.js";
import type { RateLimitsTable } from "./limits-schema.js";
import type {
  HouseholdTagsTable,
  NoticeDeliveriesTable,
  NoticeExpansionsTable,
  NoticesTable,
  NoticeVersionsTable,
} from "./notices-schema.js";
import type { OutboxTable } from "./outbox-schema.js";
import type { AuditTable, KvTable, PeopleTable } from "./people-schema.js";
import type { QueueGoodsTable, QueuesTable, QueueTicketsTable } from "./queue-schema.js";
import type {
  RequestDailySummariesTable,
  RequestEventsTable,
  RequestGroupHintsTable,
  RequestsTable,
} from "./requests-schema.js";
import type {
  MedicineItemsTable,
  MedicineRoundHandlersTable,
  MedicineRoundsTable,
  MedicineSubmissionsTable,
} from "./rounds-schema.js";
import type { InvitesTable, RolesTable } from "./staff-schema.js";
import type { HandledUpdatesTable } from "./updates-schema.js";
import type {
  VolunteerHoursTable,
  VolunteerProfilesTable,
  VolunteerShiftPeopleTable,
  VolunteerShiftsTable,
  VolunteerTasksTable,
  VolunteerTeamsTable,
} from "./volunteers-schema.js";

export interface Database {
  people: PeopleTable;
  roles: RolesTable;
  invites: InvitesTable;
  buildings: BuildingsTable;
  rooms: RoomsTable;
  households: HouseholdsTable;
  residents: ResidentsTable;
  household_removals: HouseholdRemovalsTable;
  groups: GroupsTable;
  audit_log: AuditTable;
  kv: KvTable;
  outbox: OutboxTable;
  household_tags: HouseholdTagsTable;
  notices: NoticesTable;
  notice_versions: NoticeVersionsTable;
  notice_deliveries: NoticeDeliveriesTable;
  notice_expansions: NoticeExpansionsTable;
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
  grid_units: GridUnitsTable;
  grid_workers: GridWorkersTable;
  grid_threads: GridThreadsTable;
  grid_messages: GridMessagesTable;
  grid_relays: GridRelaysTable;
  care_plans: CarePlansTable;
  care_checks: CareChecksTable;
  care_runs: CareRunsTable;
  care_activity: CareActivityTable;
  groupbuys: GroupbuysTable;
  groupbuy_items: GroupbuyItemsTable;
  groupbuy_orders: GroupbuyOrdersTable;
  groupbuy_lines: GroupbuyLinesTable;
  rate_limits: RateLimitsTable;
  handled_updates: HandledUpdatesTable;
  volunteer_teams: VolunteerTeamsTable;
  volunteer_profiles: VolunteerProfilesTable;
  volunteer_shifts: VolunteerShiftsTable;
  volunteer_shift_people: VolunteerShiftPeopleTable;
  volunteer_tasks: VolunteerTasksTable;
  volunteer_hours: VolunteerHoursTable;
  medicine_rounds: MedicineRoundsTable;
  medicine_round_handlers: MedicineRoundHandlersTable;
  medicine_submissions: MedicineSubmissionsTable;
  medicine_items: MedicineItemsTable;
  queues: QueuesTable;
  queue_goods: QueueGoodsTable;
  queue_tickets: QueueTicketsTable;
}
