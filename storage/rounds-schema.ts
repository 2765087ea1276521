/**
 * The medicine-round tables: rounds, the staff handling each, each
 * household's list and its medicines. Times are ISO-8601 strings in UTC,
 * stamped with the injected clock; money is whole fen.
 */
import type { Generated } from "kysely";
import type {
  ItemStatus,
  Payment,
  RoundStatus,
  SubmissionStatus,
} from "../domain/medicine-round.js";

export interface MedicineRoundsTable {
  id: Generated<number>;
  opened_by: number;
  /** The pharmacy or clinic, as the worker wrote it. */
  pharmacy: string;
  /** When the lists are collected; lists are taken until then. */
  collect_at: string;
  /** JSON array of what residents must have ready (RoundNeed). */
  needs: string;
  /** The worker's own words to residents, if any. */
  note: string | null;
  /** Who the round is for, as typed (notice target rules). */
  target: string;
  status: RoundStatus;
  /** Residents it was announced to. */
  recipients: number;
  /** Numbers given out so far (the last list's number). */
  numbers: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  finished_at: string | null;
}

export interface MedicineRoundHandlersTable {
  round_id: number;
  person_id: number;
  joined_at: string;
}

export interface MedicineSubmissionsTable {
  id: Generated<number>;
  round_id: number;
  /** The household's number in this round, from 1. */
  number: number;
  household_id: number;
  /** The resident who sent it; they are told at each step. */
  person_id: number;
  /** The unit tag when it was sent (3-2-501). */
  address: string;
  payment: Payment;
  /** JSON array of Telegram file_ids (prescription, medical record). */
  photos: string;
  status: SubmissionStatus;
  /** Settled amount, whole fen. */
  amount_fen: number | null;
  /** Who made the last change. */
  updated_by: number | null;
  /** The urgent medicine request filed for what could not be bought, if any. */
  request_id: number | null;
  created_at: string;
  updated_at: string;
  collected_at: string | null;
  purchased_at: string | null;
  delivered_at: string | null;
  settled_at: string | null;
}

export interface MedicineItemsTable {
  submission_id: number;
  position: number;
  name: string;
  amount: string;
  status: ItemStatus;
  /** UnavailableReason, when it could not be bought. */
  reason: string | null;
  updated_by: number | null;
  updated_at: string | null;
}
