/** The people the bot has met, the audit log and the small key-value table: the kernel's tables. */
import type { Generated } from "kysely";

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
