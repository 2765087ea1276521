/** Per-person limits (domain/limits.ts): the state of each bucket. */

export interface RateLimitsTable {
  /** What is limited and for whom, e.g. `sos:12345` or `refusal:-100123:12345`. */
  key: string;
  /** When the bucket is empty again (ms since 1970, by the injected clock). */
  tat: number;
}
