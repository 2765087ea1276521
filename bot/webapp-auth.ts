/**
 * Telegram Mini App sign-in: checks the `initData` string Telegram hands a
 * web app, as the Bot API documentation specifies ("Validating data received
 * via the Mini App"):
 *
 *   data_check_string = every received field except `hash`, sorted by key,
 *                        as `key=<value>` joined by "\n" (values URL-decoded)
 *   secret_key        = HMAC_SHA256(key = "WebAppData", data = bot_token)
 *   valid             ⇔ hex(HMAC_SHA256(key = secret_key, data = data_check_string)) = hash
 *
 * The newer `signature` field (Ed25519, for third parties who don't hold the
 * token) is an ordinary received field here: it takes part in the string like
 * any other, and is neither required nor checked on its own.
 *
 * `auth_date` must be present and younger than the age limit, so a copied
 * initData stops working. Pure apart from node:crypto; the server passes the
 * time.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The Telegram user the web app was opened by (the fields we use). */
export interface WebAppUser {
  id: number;
  firstName: string;
  username: string | undefined;
  languageCode: string | undefined;
}

export type InitDataCheck =
  | { ok: true; user: WebAppUser; authDate: Date }
  | {
      ok: false;
      /**
       * missing: no initData at all; malformed: not a query string, a field
       * twice, or no/odd hash; forged: the hash doesn't match (another token,
       * or changed data); expired: auth_date older than the limit or in the
       * future; no-user: signed, but without a usable user.
       */
      reason: "missing" | "malformed" | "forged" | "expired" | "no-user";
    };

export interface InitDataOptions {
  /** Oldest accepted auth_date, in seconds before `now`. */
  maxAgeSeconds: number;
  now: Date;
}

/** Clocks differ a little: an auth_date up to this far ahead of ours is accepted. */
const FUTURE_SLACK_SECONDS = 60;
/** Telegram's initData is a few hundred bytes; anything this long is not one. */
const MAX_LENGTH = 8192;

/** secret_key = HMAC_SHA256(key "WebAppData", message bot_token). */
function secretKey(botToken: string): Buffer {
  return createHmac("sha256", "WebAppData").update(botToken).digest();
}

/** The data-check-string of the fields other than `hash`. */
function dataCheckString(fields: ReadonlyArray<readonly [string, string]>): string {
  return fields
    .filter(([key]) => key !== "hash")
    .map(([key, value]) => `${key}=${value}`)
    .sort((a, b) => {
      const ka = a.slice(0, a.indexOf("="));
      const kb = b.slice(0, b.indexOf("="));
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    })
    .join("\n");
}

export function validateInitData(
  initData: string | undefined | null,
  botToken: string,
  options: InitDataOptions,
): InitDataCheck {
  if (!initData) return { ok: false, reason: "missing" };
  if (initData.length > MAX_LENGTH) return { ok: false, reason: "malformed" };
  let fields: Array<[string, string]>;
  try {
    fields = [...new URLSearchParams(initData)];
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const keys = fields.map(([k]) => k);
  if (new Set(keys).size !== keys.length) return { ok: false, reason: "malformed" };
  const hash = fields.find(([k]) => k === "hash")?.[1];
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: "malformed" };

  const expected = createHmac("sha256", secretKey(botToken))
    .update(dataCheckString(fields))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(hash, "hex"))) return { ok: false, reason: "forged" };

  // Signed by Telegram from here on; what follows is about its content.
  const authDate = Number(fields.find(([k]) => k === "auth_date")?.[1]);
  const nowSeconds = options.now.getTime() / 1000;
  if (
    !Number.isSafeInteger(authDate) ||
    authDate <= 0 ||
    authDate > nowSeconds + FUTURE_SLACK_SECONDS ||
    nowSeconds - authDate > options.maxAgeSeconds
  ) {
    return { ok: false, reason: "expired" };
  }
  const user = parseUser(fields.find(([k]) => k === "user")?.[1]);
  if (!user) return { ok: false, reason: "no-user" };
  return { ok: true, user, authDate: new Date(authDate * 1000) };
}

function parseUser(json: string | undefined): WebAppUser | undefined {
  if (json === undefined) return undefined;
  try {
    const u = JSON.parse(json) as Record<string, unknown>;
    if (!Number.isSafeInteger(u.id) || (u.id as number) <= 0) return undefined;
    return {
      id: u.id as number,
      firstName: typeof u.first_name === "string" ? u.first_name : "",
      username: typeof u.username === "string" ? u.username : undefined,
      languageCode: typeof u.language_code === "string" ? u.language_code : undefined,
    };
  } catch {
    return undefined;
  }
}

/**
 * The `user.language_code` of an initData that has NOT been checked: only to
 * pick the language of a refusal, never to trust anything.
 */
export function unverifiedLanguage(initData: string | undefined | null): string | undefined {
  if (!initData || initData.length > MAX_LENGTH) return undefined;
  try {
    const user = new URLSearchParams(initData).get("user");
    const code = user ? (JSON.parse(user) as { language_code?: unknown }).language_code : undefined;
    return typeof code === "string" ? code : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Builds a signed initData as Telegram would: for a simulated Telegram (the
 * demo) and for tests. `fields` are the values before URL-encoding (`user` as
 * an object is JSON-encoded).
 */
export function signInitData(
  botToken: string,
  fields: { auth_date: number; user?: Record<string, unknown> } & Record<string, unknown>,
): string {
  const pairs: Array<[string, string]> = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]);
  const hash = createHmac("sha256", secretKey(botToken))
    .update(dataCheckString(pairs))
    .digest("hex");
  return new URLSearchParams([...pairs, ["hash", hash]]).toString();
}
