/** pino, JSON by default. The token and personal data never reach a log line at info level. */
import pino, { type Logger } from "pino";

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
  });
}
