/**
 * A long paste is one answer. Telegram's apps split a text longer than 4,096
 * characters into several messages, sent one after the other; without this,
 * a question would take the first part as the answer (or refuse it as too
 * long) and the next part would answer the next question, or be the only
 * part kept.
 *
 * The rule: a private text message of at least PART_MIN characters may be
 * the first part of a paste. It is held for up to JOIN_WINDOW_MS; further
 * text messages from the same chat, sent within 2 seconds of the previous
 * part (by Telegram's own message dates), are joined to it with a line break
 * (their formatting shifted along) and not handled on their own. A part
 * shorter than PART_MIN is the last one, so the joined message goes on at
 * once; otherwise it goes on when the window passes with nothing more.
 * Then the question checks the whole text as one answer (its length too).
 * Shorter messages are never held.
 *
 * This runs before updates are put in order per chat (sequentialize), so
 * the later parts can arrive while the first one is held. Polling with the
 * runner and webhooks both deliver updates concurrently.
 */
import type { MiddlewareFn } from "grammy";
import type { Message, MessageEntity } from "grammy/types";
import type { BaseContext } from "./context.js";

/** Parts of a split paste are near 4,096 characters; apps cut at a line or word end. */
export const PART_MIN = 3000;
/** How long a long message is held for its next part. */
export const JOIN_WINDOW_MS = 1500;
/** Parts of one paste are sent within this many seconds of each other. */
const PART_GAP_SECONDS = 2;
/** Never joins more than this many parts (a 12,000-character paste is 3). */
const MAX_PARTS = 8;

interface Held {
  parts: Message[];
  /** Lets the held update go on now. */
  release: () => void;
  timer: ReturnType<typeof setTimeout>;
}

const isCommand = (message: Message) =>
  message.entities?.some((e) => e.type === "bot_command" && e.offset === 0) ?? false;

export function joinPastedParts(windowMs = JOIN_WINDOW_MS): MiddlewareFn<BaseContext> {
  const held = new Map<number, Held>();

  return async (ctx, next) => {
    const message = ctx.update.message;
    if (message?.chat.type !== "private" || message.text === undefined) return next();
    if (isCommand(message)) return next();
    const open = held.get(message.chat.id);
    const previous = open?.parts.at(-1);
    if (
      open &&
      previous &&
      open.parts.length < MAX_PARTS &&
      message.date - previous.date <= PART_GAP_SECONDS
    ) {
      open.parts.push(message);
      clearTimeout(open.timer);
      if (message.text.length < PART_MIN) open.release();
      else open.timer = setTimeout(open.release, windowMs);
      ctx.deps.logger.debug({ parts: open.parts.length }, "a part of a long paste joined");
      return;
    }
    if (message.text.length < PART_MIN) return next();

    const entry = { parts: [message] } as unknown as Held;
    await new Promise<void>((resolve) => {
      entry.release = resolve;
      entry.timer = setTimeout(resolve, windowMs);
      held.set(message.chat.id, entry);
    });
    clearTimeout(entry.timer);
    if (held.get(message.chat.id) === entry) held.delete(message.chat.id);
    if (entry.parts.length > 1) join(message, entry.parts.slice(1));
    return next();
  };
}

/** Appends the later parts' text (and formatting) to the first message. */
function join(first: Message, rest: readonly Message[]): void {
  let text = first.text ?? "";
  const entities: MessageEntity[] = [...(first.entities ?? [])];
  for (const part of rest) {
    text += "\n";
    const offset = text.length;
    for (const e of part.entities ?? []) entities.push({ ...e, offset: e.offset + offset });
    text += part.text ?? "";
  }
  first.text = text;
  if (entities.length > 0) first.entities = entities;
}
