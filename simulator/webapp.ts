/**
 * Opening a Mini App the way Telegram does: the page's URL with the launch
 * parameters after the #, among them `tgWebAppData`, the initData Telegram
 * signs with the bot's token (HMAC-SHA256 keyed by HMAC-SHA256("WebAppData",
 * token), over the sorted `key=value` lines of every field but `hash`). The
 * simulator plays Telegram here, so it signs; the bot checks, as it would
 * check the real Telegram's signature.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { User } from "grammy/types";

/** initData for `user`, signed with `token`, dated `now`. */
export function signedInitData(token: string, user: User, now: Date): string {
  const person: Record<string, unknown> = { id: user.id, first_name: user.first_name };
  if (user.username !== undefined) person.username = user.username;
  if (user.language_code !== undefined) person.language_code = user.language_code;
  const fields: Array<[string, string]> = [
    ["query_id", `AAH${randomBytes(12).toString("base64url")}`],
    ["user", JSON.stringify(person)],
    ["auth_date", String(Math.floor(now.getTime() / 1000))],
  ];
  const checkString = fields
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join("\n");
  const secret = createHmac("sha256", "WebAppData").update(token).digest();
  const hash = createHmac("sha256", secret).update(checkString).digest("hex");
  return new URLSearchParams([...fields, ["hash", hash]]).toString();
}

/** The URL Telegram opens for a Web App button: the page, then the launch parameters. */
export function webAppLaunchUrl(url: string, initData: string, platform = "android"): string {
  const base = url.split("#")[0] ?? url;
  const params = new URLSearchParams([
    ["tgWebAppData", initData],
    ["tgWebAppVersion", "8.0"],
    ["tgWebAppPlatform", platform],
  ]);
  return `${base}#${params.toString()}`;
}
