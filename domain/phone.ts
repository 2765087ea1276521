/** Phone numbers as residents type them. Pure, no grammY, no SQL. */

export type PhoneResult = { ok: true; phone: string } | { ok: false; error: "letters" | "length" };

/**
 * Accepts `138 0013 8000`, `+86 138-0013-8000`, `(029) 8888 6666`, full-width
 * digits. Keeps a leading `+` and the digits. 6 to 15 digits (E.164 allows 15).
 */
export function parsePhone(raw: string): PhoneResult {
  const text = raw.normalize("NFKC").trim();
  if (/[^\d+\s\-()./]/.test(text)) return { ok: false, error: "letters" };
  const digits = text.replace(/\D/g, "");
  if (digits.length < 6 || digits.length > 15) return { ok: false, error: "length" };
  return { ok: true, phone: (text.startsWith("+") ? "+" : "") + digits };
}
