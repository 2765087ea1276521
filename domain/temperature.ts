/**
 * Body temperatures as people type them. Pure: no grammY, no SQL.
 *
 * Accepted: `36.5`, `36,5`, `３６．５`, `36.5°`, `36.5℃`, `36.5 C`, `36.5度`,
 * `36度5`, `体温 36.5`; Fahrenheit as `97.7 F`, `97.7°F`, `华氏97.7`, or a bare
 * number between 93 and 110 (read as °F, and the caller asks the person to
 * confirm). Valid range 34.0–43.0 °C; 37.3 °C or more is a fever.
 */

export const MIN_CELSIUS = 34.0;
export const MAX_CELSIUS = 43.0;
export const FEVER_CELSIUS = 37.3;
/** A bare number in this range is read as °F (nobody's body is at 93–110 °C). */
export const BARE_F_MIN = 93;
export const BARE_F_MAX = 110;

export type TemperatureUnit = "C" | "F";

export interface Reading {
  /** Rounded to 0.1 °C. */
  celsius: number;
  /** The number as typed, in `unit`. */
  value: number;
  unit: TemperatureUnit;
  /** True when a bare number was read as °F: ask the person to confirm. */
  assumedFahrenheit: boolean;
}

export type TemperatureError =
  /** Nothing typed. */
  | "empty"
  /** Not a number we can read (`abc`, `36.5.1`, two numbers). */
  | "format"
  /** Three digits that look like a reading without its point (`365` → 36.5). */
  | "missing-point"
  /** A number, but outside 34.0–43.0 °C once converted. */
  | "too-low"
  | "too-high";

export type TemperatureParse =
  | ({ ok: true } & Reading)
  | {
      ok: false;
      error: TemperatureError;
      /** For range errors: the value read, its unit and the °C it stands for. */
      value?: number;
      unit?: TemperatureUnit;
      celsius?: number;
      /** For `missing-point`: what the person probably meant (36.5). */
      suggestion?: number;
    };

const round1 = (n: number) => Math.round(n * 10) / 10;

export function fahrenheitToCelsius(f: number): number {
  return round1(((f - 32) * 5) / 9);
}

export function isFever(celsius: number): boolean {
  // Readings are stored to 0.1; the epsilon keeps 37.3 a fever whatever the float.
  return celsius >= FEVER_CELSIUS - 1e-9;
}

/** "36.5" with one decimal, the way the reading is shown back. */
export function formatCelsius(celsius: number): string {
  return celsius.toFixed(1);
}

const PREFIX = /^(?:体温|温度|测温|temperature|temp)\s*[:：是为]?\s*/;
const F_PREFIX = /^(?:华氏|fahrenheit)\s*/;
const C_PREFIX = /^(?:摄氏|celsius)\s*/;
/** 36 / 36.5 / 36,5 / 36.55 */
const NUMBER = /^(\d{1,4})(?:[.,](\d{1,2}))?/;
/** 36度5: how the number is often said and typed in Chinese. */
const DU_NUMBER = /^(\d{2})度(\d)(?!\d)/;
const C_SUFFIX = /^(?:°\s*c|°|c|度|摄氏度|celsius)$/;
const F_SUFFIX = /^(?:°\s*f|f|华氏度|fahrenheit)$/;

export function parseTemperature(raw: string): TemperatureParse {
  let text = raw.normalize("NFKC").trim().toLowerCase();
  if (text === "") return { ok: false, error: "empty" };
  text = text.replace(PREFIX, "");
  let unit: TemperatureUnit | undefined;
  if (F_PREFIX.test(text)) {
    unit = "F";
    text = text.replace(F_PREFIX, "");
  } else if (C_PREFIX.test(text)) {
    unit = "C";
    text = text.replace(C_PREFIX, "");
  }

  let value: number;
  let digits: string;
  let hasPoint: boolean;
  let rest: string;
  const du = DU_NUMBER.exec(text);
  const num = du ? undefined : NUMBER.exec(text);
  if (du) {
    digits = `${du[1]}${du[2]}`;
    value = Number(`${du[1]}.${du[2]}`);
    hasPoint = true;
    rest = text.slice(du[0].length);
    unit ??= "C";
  } else if (num) {
    digits = num[1] as string;
    value = Number(num[2] === undefined ? num[1] : `${num[1]}.${num[2]}`);
    hasPoint = num[2] !== undefined;
    rest = text.slice(num[0].length);
  } else {
    return { ok: false, error: "format" };
  }

  rest = rest.trim();
  if (rest !== "") {
    if (C_SUFFIX.test(rest) && unit !== "F") unit = "C";
    else if (F_SUFFIX.test(rest) && unit !== "C") unit = "F";
    else return { ok: false, error: "format" };
  }

  // 365 is almost always 36.5 without its point; say so rather than "out of range".
  if (!hasPoint && unit !== "F" && digits.length === 3 && value >= 340 && value <= 430) {
    return { ok: false, error: "missing-point", suggestion: value / 10 };
  }

  let assumedFahrenheit = false;
  if (unit === undefined) {
    if (value >= BARE_F_MIN && value <= BARE_F_MAX) {
      unit = "F";
      assumedFahrenheit = true;
    } else {
      unit = "C";
    }
  }
  const celsius = unit === "F" ? fahrenheitToCelsius(value) : round1(value);
  if (celsius < MIN_CELSIUS) return { ok: false, error: "too-low", value, unit, celsius };
  if (celsius > MAX_CELSIUS) return { ok: false, error: "too-high", value, unit, celsius };
  return { ok: true, celsius, value, unit, assumedFahrenheit };
}
