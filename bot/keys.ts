/**
 * Keys of a reply keyboard that stays under the chat (the resident's 🆘 key).
 * Pressing one sends its label as a message, so it works like a command: a
 * feature answers it wherever the person is, and an open conversation passes
 * it on instead of taking it as an answer (unless the key is its own). Each
 * key is defined once, by the feature that owns it; the app lists them for
 * the bot (`BotDeps.keys`), as it lists the features.
 */
export interface ReplyKey {
  /** Its label in the reader's language. */
  label(ctx: { t(key: string): string }): string;
  /** A press of the key, in any language: the label starts with the key's mark. */
  readonly pattern: RegExp;
  matches(text: string | undefined): boolean;
}

/** A key labelled by `labelKey` (from locales/), whose label starts with `mark` in every language. */
export function replyKey(labelKey: string, mark: string): ReplyKey {
  const pattern = new RegExp(`^${mark.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "u");
  return {
    label: (ctx) => ctx.t(labelKey),
    pattern,
    matches: (text) => text !== undefined && pattern.test(text),
  };
}
