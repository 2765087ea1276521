/**
 * Money as people type it and read it. Money is an integer number of fen
 * (1 yuan = 100 fen) everywhere; a float never holds an amount. Pure.
 *
 * Accepted: `36`, `36.5`, `36.50`, `¥36.50`, `￥36.5`, `36元`, `36.5元`,
 * `36块5`, `36块50`, `36元5角`, `36元5角2分`, `5角`, `8毛`, `6分`, full-width
 * digits, spaces. Refused, each with its own reason: more than two decimals
 * (`3.333`; `3.330` is fine), a minus sign, more than `MONEY_MAX_FEN`,
 * anything else (`3,50`, `三块`).
 */

/** ¥1,000,000.00: far above any medicine bill or shop price, far below a 32-bit integer. */
export const MONEY_MAX_FEN = 100_000_000;

export type MoneyError = "format" | "precision" | "negative" | "too-large";
export type MoneyParse = { ok: true; fen: number } | { ok: false; error: MoneyError };

const CURRENCY_BEFORE = /^(?:¥|￥|rmb|cny)\s*/i;
const CURRENCY_AFTER = /\s*(?:元|块钱|块|yuan|rmb|cny)$/i;

/** A typed amount in yuan → fen. */
export function parseMoney(raw: string): MoneyParse {
  const text = raw.normalize("NFKC").trim().replace(/\s+/g, "").replace(CURRENCY_BEFORE, "");
  if (text.startsWith("-") || text.startsWith("−")) return { ok: false, error: "negative" };

  // 36元5角2分, 36块5, 36元5角
  const spoken = /^(\d{1,7})(?:元|块)(?:(\d)(?:角|毛)?)?(?:(\d)分)?$/.exec(text);
  if (spoken) {
    const fen = Number(spoken[1]) * 100 + Number(spoken[2] ?? 0) * 10 + Number(spoken[3] ?? 0);
    return checked(fen);
  }
  // 36块50, 36块05: two digits after the yuan are jiao and fen.
  const twoDigits = /^(\d{1,7})(?:元|块)(\d)(\d)$/.exec(text);
  if (twoDigits) {
    return checked(Number(twoDigits[1]) * 100 + Number(twoDigits[2]) * 10 + Number(twoDigits[3]));
  }
  // 5角, 8毛, 5角2分, 6分: no yuan at all.
  const small = /^(?:(\d)(?:角|毛))?(?:(\d)分)?$/.exec(text);
  if (small && (small[1] ?? small[2]) !== undefined) {
    return checked(Number(small[1] ?? 0) * 10 + Number(small[2] ?? 0));
  }

  const plain = text.replace(CURRENCY_AFTER, "");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(plain) ?? /^()\.(\d+)$/.exec(plain);
  if (!m) return { ok: false, error: "format" };
  const whole = (m[1] ?? "").replace(/^0+(?=\d)/, "");
  const decimals = m[2] ?? "";
  if (decimals.replace(/0+$/, "").length > 2) return { ok: false, error: "precision" };
  if (whole.length > 7) return { ok: false, error: "too-large" };
  const fen = Number(whole || "0") * 100 + Number(decimals.padEnd(2, "0").slice(0, 2));
  return checked(fen);
}

function checked(fen: number): MoneyParse {
  return fen > MONEY_MAX_FEN ? { ok: false, error: "too-large" } : { ok: true, fen };
}

/** 3650 → "¥36.50", 123456 → "¥1,234.56". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const [yuan, rest] = split(fen);
  return `${sign}¥${yuan.toLocaleString("en-US")}.${rest}`;
}

/** 3650 → "36.50": for spreadsheets (no currency sign, no thousands separator). */
export function yuanText(fen: number): string {
  const [yuan, rest] = split(fen);
  return `${fen < 0 ? "-" : ""}${yuan}.${rest}`;
}

/** Whole yuan and the two digits of fen, by integer arithmetic. */
function split(fen: number): [number, string] {
  if (!Number.isSafeInteger(fen)) throw new Error(`not a whole number of fen: ${fen}`);
  const abs = Math.abs(fen);
  return [Math.floor(abs / 100), String(abs % 100).padStart(2, "0")];
}

/** The sum of whole fen amounts (integers stay integers: no float ever). */
export function sumFen(amounts: Iterable<number>): number {
  let total = 0;
  for (const a of amounts) {
    if (!Number.isSafeInteger(a)) throw new Error(`not a whole number of fen: ${a}`);
    total += a;
  }
  return total;
}

/** Quantity × unit price, both whole numbers. */
export function lineFen(quantity: number, priceFen: number): number {
  if (!Number.isSafeInteger(quantity) || !Number.isSafeInteger(priceFen)) {
    throw new Error(`not whole numbers: ${quantity} × ${priceFen}`);
  }
  return quantity * priceFen;
}
