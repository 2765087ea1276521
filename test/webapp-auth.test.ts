/**
 * The Mini App sign-in check (bot/webapp-auth.ts). The signatures here are
 * computed step by step in the test, as the Bot API documentation describes
 * them, not with the module's own signer; one vector is the one published
 * with Telegram's own example (it carries the newer `signature` field).
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInitData, unverifiedLanguage, validateInitData } from "../bot/webapp-auth.js";

const TOKEN = "123456:TEST-TOKEN";
const NOW = new Date("2026-11-22T09:00:00Z");
const nowSeconds = NOW.getTime() / 1000;
const DAY = 24 * 3600;
const opts = { maxAgeSeconds: DAY, now: NOW };

/** What a Telegram client sends, signed by hand. */
function handSigned(token: string, fields: Record<string, string>): string {
  const checkString = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(token).digest();
  const hash = createHmac("sha256", secret).update(checkString).digest("hex");
  return new URLSearchParams({ ...fields, hash }).toString();
}

const user = JSON.stringify({
  id: 42,
  first_name: "王芳",
  username: "wf",
  language_code: "zh-hans",
});
const fields = {
  query_id: "AAHdF6IQAAAAAN0XohDhrOrc",
  user,
  auth_date: String(nowSeconds - 60),
};

describe("Mini App initData", () => {
  it("accepts what Telegram signed, and reads the user", () => {
    const result = validateInitData(handSigned(TOKEN, fields), TOKEN, opts);
    expect(result).toEqual({
      ok: true,
      user: { id: 42, firstName: "王芳", username: "wf", languageCode: "zh-hans" },
      authDate: new Date((nowSeconds - 60) * 1000),
    });
  });

  it("keeps the signature field in the checked string (Telegram's published example)", () => {
    const token = "7342037359:AAHI25ES9xCOMPokpYoz-p8XVrZUdygo2J4";
    const initData =
      "user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%20%2B%20-%20%3F%20%5C%2F%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%2C%22allows_write_to_pm%22%3Atrue%2C%22photo_url%22%3A%22https%3A%5C%2F%5C%2Ft.me%5C%2Fi%5C%2Fuserpic%5C%2F320%5C%2F4FPEE4tmP3ATHa57u6MqTDih13LTOiMoKoLDRG4PnSA.svg%22%7D&chat_instance=8134722200314281151&chat_type=private&auth_date=1733509682&signature=TYJxVcisqbWjtodPepiJ6ghziUL94-KNpG8Pau-X7oNNLNBM72APCpi_RKiUlBvcqo5L-LAxIc3dnTzcZX_PDg&hash=a433d8f9847bd6addcc563bff7cc82c89e97ea0d90c11fe5729cae6796a36d73";
    const at = { maxAgeSeconds: DAY, now: new Date((1733509682 + 10) * 1000) };
    const result = validateInitData(initData, token, at);
    expect(result.ok && result.user).toMatchObject({ id: 279058397, username: "vdkfrost" });
    // Changing the signature changes the checked string: refused.
    const changed = initData.replace("signature=TYJx", "signature=TYJy");
    expect(validateInitData(changed, token, at)).toEqual({ ok: false, reason: "forged" });
    // Dropping it too.
    const without = initData.replace(/&signature=[^&]*/, "");
    expect(validateInitData(without, token, at)).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses a changed field or a made-up hash (forged)", () => {
    const good = handSigned(TOKEN, fields);
    const otherUser = good.replace("%22id%22%3A42", "%22id%22%3A43");
    expect(otherUser).not.toBe(good);
    expect(validateInitData(otherUser, TOKEN, opts)).toEqual({ ok: false, reason: "forged" });
    const madeUp = good.replace(/hash=[0-9a-f]+/, `hash=${"ab".repeat(32)}`);
    expect(validateInitData(madeUp, TOKEN, opts)).toEqual({ ok: false, reason: "forged" });
    // An added field is part of the checked string too.
    expect(validateInitData(`${good}&extra=1`, TOKEN, opts)).toEqual({
      ok: false,
      reason: "forged",
    });
  });

  it("refuses initData signed with another bot's token", () => {
    const other = handSigned("654321:OTHER-TOKEN", fields);
    expect(validateInitData(other, TOKEN, opts)).toEqual({ ok: false, reason: "forged" });
  });

  it("refuses an old auth_date, and one from the future", () => {
    const old = handSigned(TOKEN, { ...fields, auth_date: String(nowSeconds - DAY - 1) });
    expect(validateInitData(old, TOKEN, opts)).toEqual({ ok: false, reason: "expired" });
    const justInTime = handSigned(TOKEN, { ...fields, auth_date: String(nowSeconds - DAY) });
    expect(validateInitData(justInTime, TOKEN, opts).ok).toBe(true);
    const shorter = { maxAgeSeconds: 3600, now: NOW };
    const hourOld = handSigned(TOKEN, { ...fields, auth_date: String(nowSeconds - 3601) });
    expect(validateInitData(hourOld, TOKEN, shorter)).toEqual({ ok: false, reason: "expired" });
    const future = handSigned(TOKEN, { ...fields, auth_date: String(nowSeconds + 3600) });
    expect(validateInitData(future, TOKEN, opts)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses missing fields: no initData, no hash, no auth_date, no user", () => {
    expect(validateInitData("", TOKEN, opts)).toEqual({ ok: false, reason: "missing" });
    expect(validateInitData(undefined, TOKEN, opts)).toEqual({ ok: false, reason: "missing" });
    const noHash = new URLSearchParams(fields).toString();
    expect(validateInitData(noHash, TOKEN, opts)).toEqual({ ok: false, reason: "malformed" });
    const { auth_date: _, ...noDate } = fields;
    expect(validateInitData(handSigned(TOKEN, noDate), TOKEN, opts)).toEqual({
      ok: false,
      reason: "expired",
    });
    const { user: __, ...noUser } = fields;
    expect(validateInitData(handSigned(TOKEN, noUser), TOKEN, opts)).toEqual({
      ok: false,
      reason: "no-user",
    });
    const badUser = handSigned(TOKEN, { ...fields, user: '{"first_name":"x"}' });
    expect(validateInitData(badUser, TOKEN, opts)).toEqual({ ok: false, reason: "no-user" });
  });

  it("refuses a field given twice, even if one copy is signed", () => {
    const good = handSigned(TOKEN, fields);
    const twice = `${good}&user=${encodeURIComponent('{"id":1}')}`;
    expect(validateInitData(twice, TOKEN, opts)).toEqual({ ok: false, reason: "malformed" });
  });

  it("signs the way it checks (the demo's simulated Telegram uses the signer)", () => {
    const signed = signInitData(TOKEN, {
      auth_date: nowSeconds,
      user: { id: 7, first_name: "Li", language_code: "en" },
    });
    const result = validateInitData(signed, TOKEN, opts);
    expect(result.ok && result.user.id).toBe(7);
    expect(unverifiedLanguage(signed)).toBe("en");
    expect(unverifiedLanguage("not a query=%%%")).toBeUndefined();
  });
});
