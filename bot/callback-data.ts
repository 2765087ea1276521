/**
 * Typed callback data: a button is defined once, by the feature that owns
 * it, as one object that builds its data, recognises it and reads it back.
 *
 *   const take = button("rq:take", { id: "int" });
 *   keyboard.text(label, take.data({ id: 12 }));       // "rq:take:12"
 *   onButton(composer, take, (ctx, { id }) => …);      // id is a number
 *
 * The data is the prefix, then each field in order, joined by ":". Telegram
 * allows 64 bytes: a longer one throws when it is built, so the mistake shows
 * in the code that made it, not as an error from Telegram. A field may not
 * contain ":" except the last, which takes the rest of the data.
 */
import type { CallbackQueryContext, Composer, Context } from "grammy";

/** Telegram's limit for callback_data, in bytes. */
export const CALLBACK_DATA_MAX = 64;

/** "int": a whole number; "str": any text; a list: one of these words. */
export type FieldKind = "int" | "str" | readonly string[];

type FieldValue<K> = K extends "int"
  ? number
  : K extends "str"
    ? string
    : K extends readonly (infer W)[]
      ? W
      : never;

export type Fields<S extends Record<string, FieldKind>> = {
  -readonly [K in keyof S]: FieldValue<S[K]>;
};

export interface Button<F> {
  /** The fixed start of the data, e.g. "rq:take". */
  readonly prefix: string;
  /** The data for these fields. Throws over 64 bytes, or for a value the fields can't carry. */
  data(fields: F): string;
  /** The fields, if `data` is this button's; undefined otherwise. */
  read(data: string | undefined | null): F | undefined;
  /** The fields of the button pressed in this update, if it is this button. */
  of(ctx: { callbackQuery?: { data?: string } }): F | undefined;
  /** Matches this button's data (for grammY's `callbackQuery`). */
  readonly pattern: RegExp;
}

/** Any button, whatever its fields (for lists of a conversation's own buttons). */
// biome-ignore lint/suspicious/noExplicitAny: a list holds buttons with different fields
export type AnyButton = Button<any>;

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function button<const S extends Record<string, FieldKind> = Record<never, FieldKind>>(
  prefix: string,
  schema: S = {} as S,
): Button<Fields<S>> {
  const names = Object.keys(schema) as Array<keyof S & string>;
  const last = names.length - 1;
  const piece = (kind: FieldKind, isLast: boolean) =>
    kind === "int"
      ? "-?\\d+"
      : kind === "str"
        ? isLast
          ? ".+"
          : "[^:]+"
        : `(?:${(kind as readonly string[]).map(literal).join("|")})`;
  const pattern = new RegExp(
    `^${literal(prefix)}${names.map((n, i) => `:${piece(schema[n] as FieldKind, i === last)}`).join("")}$`,
  );

  function encode(name: string, kind: FieldKind, value: unknown, isLast: boolean): string {
    const text = String(value);
    const ok =
      kind === "int"
        ? Number.isSafeInteger(value)
        : kind === "str"
          ? typeof value === "string" && text !== "" && (isLast || !text.includes(":"))
          : (kind as readonly string[]).includes(text);
    if (!ok) throw new Error(`button ${prefix}: ${name} cannot be ${JSON.stringify(value)}`);
    return text;
  }

  const self: Button<Fields<S>> = {
    prefix,
    pattern,
    data(fields) {
      const values = names.map((n, i) =>
        encode(n, schema[n] as FieldKind, (fields as Record<string, unknown>)[n], i === last),
      );
      const data = [prefix, ...values].join(":");
      const bytes = Buffer.byteLength(data, "utf8");
      if (bytes > CALLBACK_DATA_MAX) {
        throw new Error(`button ${prefix}: "${data}" is ${bytes} bytes; Telegram allows 64`);
      }
      return data;
    },
    read(data) {
      if (typeof data !== "string" || !pattern.test(data)) return undefined;
      const parts = data.slice(prefix.length + 1).split(":");
      const fields: Record<string, unknown> = {};
      names.forEach((n, i) => {
        const raw = i === last ? parts.slice(i).join(":") : (parts[i] as string);
        fields[n] = schema[n] === "int" ? Number(raw) : raw;
      });
      return fields as Fields<S>;
    },
    of(ctx) {
      return self.read(ctx.callbackQuery?.data);
    },
  };
  return self;
}

/** Handles presses of one button; the handler gets its fields, already read. */
export function onButton<C extends Context, F>(
  composer: Composer<C>,
  def: Button<F>,
  handler: (ctx: CallbackQueryContext<C>, fields: F) => unknown,
): void {
  composer.callbackQuery(def.pattern, async (ctx) => {
    await handler(ctx, def.read(ctx.callbackQuery.data) as F);
  });
}
