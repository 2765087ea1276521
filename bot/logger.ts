/** pino, JSON by default. The token and personal data never reach a log line at info level. */
import pino, { type Logger } from "pino";

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

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: "linli" },
    redact: {
      paths: [
        "token",
        "botToken",
        "config.botToken",
        "*.phone",
        "*.phone_number",
        "*.text",
        // A failed Bot API call carries what it tried to send.
        "err.payload.text",
        "err.payload.caption",
        "err.payload.entities",
      ],
      censor: "[redacted]",
    },
    serializers: { err: serializeError },
  });
}
