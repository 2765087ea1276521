/**
 * pino, JSON by default. No log line, at any level, carries the token, a
 * name, a phone number, a message's text or a button's label: the paths
 * where they could appear are redacted here, and handlers log ids, never
 * people (see the README's Privacy section).
 */
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * pino's error serializer, without grammY's HttpError.error: the fetch error
 * inside it names the request URL, and the URL carries the bot token.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  if (err.name === "HttpError") delete out.error;
  return out;
}

/** Fields that hold personal words wherever they appear in a logged object. */
const PERSONAL = [
  "phone",
  "phone_number",
  "text",
  "caption",
  "first_name",
  "last_name",
  "username",
  "display_name",
  "displayName",
  "firstName",
  "summary",
  "question",
  "note",
];

/**
 * What a failed Bot API call tried to send (GrammyError's `payload`): the
 * text, its formatting, the buttons and their labels, a poll or a contact.
 */
const PAYLOAD = [
  "text",
  "caption",
  "entities",
  "caption_entities",
  "reply_markup",
  "question",
  "options",
  "phone_number",
  "first_name",
  "last_name",
  "results",
  "media",
];

/** The redacted paths: top level, one level down (`*.text`), and an error's payload, also as a cause. */
export const REDACTED_PATHS = [
  "token",
  "botToken",
  "config.botToken",
  ...PERSONAL,
  ...PERSONAL.map((f) => `*.${f}`),
  ...PAYLOAD.flatMap((f) => [
    `err.payload.${f}`,
    `err.cause.payload.${f}`,
    `err.error.payload.${f}`,
  ]),
  // A PostgreSQL error's detail repeats the values of the row it refused.
  "err.detail",
  "err.cause.detail",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: "linli" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
