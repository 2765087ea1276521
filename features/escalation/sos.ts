/**
 * SOS / 紧急求助: any resident (registered or not) in private chat. It asks
 * for one line ("what is happening?"), sends it at once as an urgent item,
 * and asks nothing more. Anything they send counts as the line: a voice
 * message or a location is sent too, marked so the coordinator calls back.
 */
import { InlineKeyboard } from "grammy";
import type { BotConversation, BotDeps, ConvContext } from "../../bot/context.js";
import { staleButton } from "../../bot/conversation.js";
import { escalationButtons, sosKeyboard } from "./render.js";
import { type SosSent, sendSos } from "./service.js";

export const SOS = "sos";
/** The longest line kept; an SOS is never refused, a longer one is cut. */
export const SOS_MAX = 1000;

/** The SOS button's label starts with this in every language. */
export const SOS_MARK = "🆘";

export async function sosConversation(conversation: BotConversation, ctx: ConvContext) {
  const cancel = new InlineKeyboard().text(
    ctx.t("esc-sos-cancel"),
    escalationButtons.sosCancel.data({}),
  );
  await ctx.reply(ctx.t("esc-sos-ask"), { reply_markup: cancel });
  for (;;) {
    const answer = await sosInput(conversation);
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
    const message = answer.message;
    if (!message) continue;
    const line = sosLine(answer.deps, message);
    const from = answer.from;
    if (!from) return;
    const user = { id: from.id, first_name: from.first_name, username: from.username ?? null };
    const sent = await conversation.external((c) => sendSos(c.deps, user, line));
    await answer.reply(sosSentText(answer, sent), { reply_markup: sosKeyboard(ctx) });
    return;
  }
}

/** Page buttons work whatever conversation is open in the chat (a coordinator may be mid-SOS too). */
export const PAGE_BUTTON = /^esc:(ack|no):/;

/**
 * Like conversation-kit's `nextInput` (commands are passed on, the question
 * stays open), and a page's I'm on it / Can't take it is passed on as well.
 */
async function sosInput(conversation: BotConversation): Promise<ConvContext> {
  const next = await conversation.wait();
  if (next.message?.text?.startsWith("/")) await conversation.skip({ next: true });
  if (PAGE_BUTTON.test(next.callbackQuery?.data ?? "")) await conversation.skip({ next: true });
  return next;
}

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
): string {
  const t = (key: string, vars?: Record<string, string>) =>
    deps.i18n.t(deps.config.defaultLocale, key, vars);
  // Their words as written (no NFKC: a full-width comma stays one), on one line.
  const text = oneLine(message.text ?? message.caption ?? "");
  const cut = (s: string) => (s.length > SOS_MAX ? `${s.slice(0, SOS_MAX - 1)}…` : s);
  if (text !== "" && !text.startsWith(SOS_MARK)) {
    return cut(message.photo ? `${text} (${t("esc-sos-media-photo")})` : text);
  }
  if (text.startsWith(SOS_MARK)) return t("esc-sos-no-details");
  let what = "esc-sos-media-other";
  let extra = "";
  if (message.voice || message.audio) what = "esc-sos-media-voice";
  else if (message.photo) what = "esc-sos-media-photo";
  else if (message.video || message.video_note) what = "esc-sos-media-video";
  else if (message.location) {
    what = "esc-sos-media-location";
    extra = ` ${message.location.latitude.toFixed(5)}, ${message.location.longitude.toFixed(5)}`;
  }
  return t("esc-sos-media", { what: t(what), extra });
}

/** White space collapsed, nothing else changed. */
export function oneLine(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

export function sosSentText(ctx: ConvContext, sent: SosSent): string {
  const id = String(sent.id);
  const main =
    sent.paged === 0
      ? ctx.t("esc-sos-sent-nobody", { id })
      : ctx.t(`esc-sos-sent-${sent.step}`, { id, count: sent.paged });
  const lines = [main];
  if (sent.unregistered) lines.push(ctx.t("esc-sos-unregistered-note"));
  lines.push(ctx.t("esc-sos-emergency"));
  return lines.join("\n");
}
