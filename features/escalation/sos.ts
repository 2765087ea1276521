/**
 * SOS / 紧急求助: any resident (registered or not) in private chat. It asks
 * for one line ("what is happening?"), sends it at once as an urgent item,
 * and asks nothing more. Anything they send counts as the line: a voice
 * message or a location is sent too, marked so the coordinator calls back.
 */
import { InlineKeyboard } from "grammy";
import type { BotConversation, BotDeps, ConvContext } from "../../bot/context.js";
import { defineConversation, question, staleButton } from "../../bot/conversation.js";
import { inEveryLanguage } from "../../bot/i18n.js";
import { escalationButtons, SOS_KEY, sosKeyboard } from "./render.js";
import { type SosSent, sendSos } from "./service.js";
import type { Summary } from "./summary.js";

/** The longest line kept; an SOS is never refused, a longer one is cut. */
export const SOS_MAX = 1000;

/** Its own answers: Cancel, and 🆘 pressed again (sent at once, without details). */
const OWN = [escalationButtons.sosCancel, SOS_KEY];

async function sosConversation(conversation: BotConversation, ctx: ConvContext): Promise<void> {
  const cancel = new InlineKeyboard().text(
    ctx.t("esc-sos-cancel"),
    escalationButtons.sosCancel.data({}),
  );
  await ctx.reply(ctx.t("esc-sos-ask"), { reply_markup: cancel });
  const ask = question(conversation, OWN);
  for (;;) {
    const answer = await ask.next();
    if (answer.callbackQuery) {
      if (escalationButtons.sosCancel.of(answer)) {
        await answer.answerCallbackQuery();
        await answer.editMessageReplyMarkup();
        await answer.reply(ctx.t("esc-sos-cancelled"), { reply_markup: sosKeyboard(ctx) });
        return;
      }
      await staleButton(answer);
      continue;
    }
    const message = answer.message as NonNullable<ConvContext["message"]>;
    const line = sosLine(answer.deps, message);
    const from = answer.from;
    if (!from) return;
    const user = { id: from.id, firstName: from.first_name, username: from.username ?? null };
    const sent = await conversation.external((c) => sendSos(c.deps, user, line));
    await answer.reply(sosSentText(answer, sent), { reply_markup: sosKeyboard(ctx) });
    return;
  }
}

/**
 * SOS: parallel, so it opens at once on top of whatever the person was doing
 * (a half-filled request goes on after it) and gets their next message first.
 */
export const SOS = defineConversation("sos", sosConversation, { parallel: true });

/** The line from whatever they sent: text, a caption, or a note saying what came instead. */
export function sosLine(
  deps: BotDeps,
  message: {
    text?: string;
    caption?: string;
    voice?: unknown;
    audio?: unknown;
    photo?: unknown;
    video?: unknown;
    video_note?: unknown;
    location?: { latitude: number; longitude: number };
  },
): Summary {
  // What the bot says about the message is in every language; their words stay as written.
  const said = (write: (t: (key: string, vars?: Record<string, string>) => string) => string) =>
    inEveryLanguage((locale) => write((key, vars) => deps.i18n.t(locale, key, vars)));
  // Their words as written (no NFKC: a full-width comma stays one), on one line.
  const text = oneLine(message.text ?? message.caption ?? "");
  const cut = (s: string) => (s.length > SOS_MAX ? `${s.slice(0, SOS_MAX - 1)}…` : s);
  if (text !== "" && !SOS_KEY.matches(text)) {
    return message.photo ? said((t) => cut(`${text} (${t("esc-sos-media-photo")})`)) : cut(text);
  }
  if (SOS_KEY.matches(text)) return said((t) => t("esc-sos-no-details"));
  let what = "esc-sos-media-other";
  let extra = "";
  if (message.voice || message.audio) what = "esc-sos-media-voice";
  else if (message.photo) what = "esc-sos-media-photo";
  else if (message.video || message.video_note) what = "esc-sos-media-video";
  else if (message.location) {
    what = "esc-sos-media-location";
    extra = ` ${message.location.latitude.toFixed(5)}, ${message.location.longitude.toFixed(5)}`;
  }
  return said((t) => t("esc-sos-media", { what: t(what), extra }));
}

/** White space collapsed, nothing else changed. */
export function oneLine(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

export function sosSentText(ctx: ConvContext, sent: SosSent): string {
  const lines = [mainLine(ctx, sent)];
  if (sent.unregistered) lines.push(ctx.t("esc-sos-unregistered-note"));
  lines.push(ctx.t("esc-sos-emergency"));
  return lines.join("\n");
}

function mainLine(ctx: ConvContext, sent: SosSent): string {
  switch (sent.outcome) {
    case "raised": {
      const id = String(sent.id);
      return sent.paged === 0
        ? ctx.t("esc-sos-sent-nobody", { id })
        : ctx.t(`esc-sos-sent-${sent.step}`, { id, count: sent.paged });
    }
    case "folded":
      return ctx.t("esc-sos-folded", { id: String(sent.id) });
    case "limited":
      return sent.id === null
        ? ctx.t("esc-sos-limited")
        : ctx.t("esc-sos-limited-waiting", { id: String(sent.id) });
  }
}
