/**
 * Money as an integer number of fen (分, 1/100 yuan), never a float: prices
 * are parsed straight into fen, sums are integer sums, and only the display
 * puts a decimal point back. Pure.
 *
 * Accepted notations for a price (full-width characters are folded first):
 * - decimal: `3`, `3.5`, `3.50`, `¥3.5`, `￥3.5`, `3.5元`, `3.5块`, `0.8`;
 *   a third decimal is accepted only when it is zero (`3.500`), so `3.333`
 *   is refused rather than rounded;
 * - Chinese units: `3元`, `3元5角`, `3元5角2分`, `3块5`, `3块5毛`, `3块50`,
 *   `5角`, `8毛`, `6分`.
 * Refused: anything else (`3,50`, `三块`, `-3`, `3.5.1`), more than two
 * meaningful decimals, and amounts above the cap the caller gives.
 */

export type FenError = "format" | "too-precise" | "negative" | "zero" | "too-large";

export type FenParse = { ok: true; fen: number } | { ok: false; error: FenError };

/** The highest price accepted by default: ¥10,000.00 (catches a misplaced decimal point). */
export const DEFAULT_MAX_FEN = 1_000_000;

const YUAN = "(?:元|块|圆)";
const JIAO = "(?:角|毛)";
/** 3 / 3.5 / 3.50 / 3.500, with an optional ¥ before or 元 after. */
const DECIMAL = new RegExp(`^¥?(\\d{1,9})(?:\\.(\\d+))?${YUAN}?$`);
/** 3元5角2分, 3块5, 3块50, 5角, 8毛, 6分 (at least one part). */
const UNITS = new RegExp(`^(?:(\\d{1,9})${YUAN})?(?:(\\d)${JIAO})?(?:(\\d)分)?$`);
const BARE_AFTER_YUAN = new RegExp(`^(\\d{1,9})${YUAN}(\\d{1,2})$`);

function normalize(raw: string): string {
  // NFKC folds full-width digits and ￥ (U+FFE5) to ¥.
  return raw
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^RMB|^CNY/i, "");
}

/** Parses a price into fen. `max` (inclusive) defaults to ¥10,000.00. */
export function parseFen(
  raw: string,
  options: { max?: number; allowZero?: boolean } = {},
): FenParse {
  const text = normalize(raw);
  if (text.startsWith("-") || text.startsWith("−")) return { ok: false, error: "negative" };
  const fen = toFen(text);
  if (typeof fen === "string") return { ok: false, error: fen };
  if (fen === 0 && !options.allowZero) return { ok: false, error: "zero" };
  if (fen > (options.max ?? DEFAULT_MAX_FEN)) return { ok: false, error: "too-large" };
  return { ok: true, fen };
}

function toFen(text: string): number | "format" | "too-precise" {
  const decimal = DECIMAL.exec(text);
  if (decimal) {
    const yuan = Number(decimal[1]);
    const digits = decimal[2] ?? "";
    // Only two decimals carry money; more are accepted only as trailing zeros.
    if (/[1-9]/.test(digits.slice(2))) return "too-precise";
    const cents = `${digits}00`.slice(0, 2);
    return yuan * 100 + Number(cents);
  }
  const bare = BARE_AFTER_YUAN.exec(text);
  if (bare) {
    // 3块5 is 3.50; 3块50 is 3.50; 3块05 is 3.05.
    const after = bare[2] as string;
    const cents = after.length === 1 ? Number(after) * 10 : Number(after);
    return Number(bare[1]) * 100 + cents;
  }
  const units = UNITS.exec(text);
  if (units && text !== "" && (units[1] ?? units[2] ?? units[3]) !== undefined) {
    return Number(units[1] ?? 0) * 100 + Number(units[2] ?? 0) * 10 + Number(units[3] ?? 0);
  }
  if (/^¥?\d+\.\d{3,}/.test(text)) return "too-precise";
  return "format";
}

/** "3.50": yuan with two decimals, no sign for zero, a minus for negatives (CSV cells). */
export function fenToDecimal(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`not a whole number of fen: ${fen}`);
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents < 10 ? "0" : ""}${cents}`;
}

/** "¥3.50" (and "-¥3.50"). */
export function formatFen(fen: number): string {
  const text = fenToDecimal(fen);
  return text.startsWith("-") ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** Sum of whole numbers of fen; throws if a value is not one (a float crept in). */
export function sumFen(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) {
    if (!Number.isSafeInteger(v)) throw new Error(`not a whole number of fen: ${v}`);
    total += v;
  }
  if (!Number.isSafeInteger(total)) throw new Error("sum of fen out of range");
  return total;
}

/** Quantity × unit price, both whole numbers. */
export function lineFen(quantity: number, priceFen: number): number {
  if (!Number.isSafeInteger(quantity) || !Number.isSafeInteger(priceFen)) {
    throw new Error(`not whole numbers: ${quantity} × ${priceFen}`);
  }
  return quantity * priceFen;
}
