/**
 * Group buys and free distributions: the buy, its items, one order per
 * household it was offered to, and the order's lines. Money is whole fen
 * (integer columns); times are ISO-8601 strings in UTC.
 */
import type { Generated } from "kysely";
import type { BuyKind, Delivery, PayMethod } from "../domain/groupbuy.js";

export type BuyStatus = "open" | "closed";

export interface GroupbuysTable {
  id: Generated<number>;
  kind: BuyKind;
  title: string;
  /** Who it is for, as the worker typed it (notice target rules). */
  target: string;
  delivery: Delivery;
  /** Where and when to pick up (pickup only), as the worker typed it. */
  pickup: string | null;
  /** Orders close at this time. */
  deadline: string;
  status: Generated<BuyStatus>;
  created_by: number;
  created_at: string;
  closed_at: Generated<string | null>;
  /** Households it was offered to, and residents the announcement was sent to. */
  households: number;
  recipients: number;
}

export interface GroupbuyItemsTable {
  id: Generated<number>;
  buy_id: number;
  position: number;
  name: string;
  /** Unit price in fen; 0 in a free distribution. */
  price_fen: number;
  /** Per household: the most one may order (buy), or what each receives (free). */
  max_per_household: number | null;
}

export interface GroupbuyOrdersTable {
  buy_id: number;
  household_id: number;
  /** Raised by every change: a write names the version it read (first writer wins, the other retries). */
  version: Generated<number>;
  /** Σ quantity × price at the last change, in fen. */
  total_fen: Generated<number>;
  updated_by: Generated<number | null>;
  updated_at: Generated<string | null>;
  confirmed_at: Generated<string | null>;
  delivered_at: Generated<string | null>;
  delivered_by: Generated<number | null>;
  paid_at: Generated<string | null>;
  paid_by: Generated<number | null>;
  paid_method: Generated<PayMethod | null>;
  /** The amount recorded as paid, in fen (the amount due at that moment). */
  paid_fen: Generated<number | null>;
}

export interface GroupbuyLinesTable {
  buy_id: number;
  household_id: number;
  item_id: number;
  qty: number;
  /** Of qty, how many could not be given. */
  short: Generated<number>;
}
