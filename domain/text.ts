/** Text helpers shared by features. Pure. */

/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;

/**
 * Splits a long report into messages under Telegram's limit, breaking at line
 * ends so a line is never cut in half (a single line longer than the limit is
 * cut hard).
 */
export function splitMessage(text: string, limit = MESSAGE_LIMIT - 96): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    let rest = line;
    while (rest.length > limit) {
      if (current !== "") chunks.push(current);
      current = "";
      chunks.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    }
    const candidate = current === "" ? rest : `${current}\n${rest}`;
    if (candidate.length > limit) {
      chunks.push(current);
      current = rest;
    } else {
      current = candidate;
    }
  }
  if (current !== "" || chunks.length === 0) chunks.push(current);
  return chunks;
}

/** Collapses white space and trims; used for names and short answers. */
export function cleanLine(raw: string): string {
  return raw.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/**
 * Invisible characters: zero-width spaces and joiners, the left-to-right /
 * right-to-left marks, embeddings, overrides and isolates (U+202E makes a
 * name read backwards), the BOM, the soft hyphen, Hangul fillers (blank
 * "letters" used for empty-looking names) and the rest of Unicode's
 * default-ignorable and format characters.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;
const CONTROL = /\p{Cc}/gu;

/** A person's name as shown to others: no invisible or control characters, one line, NFKC. */
export function cleanName(raw: string): string {
  return cleanLine(raw.replace(CONTROL, " ").replace(INVISIBLE, "")).replace(INVISIBLE, "");
}

/** Whether a name has at least one letter (of any script): "…", "123" and "🙂" are not names. */
export function hasLetter(name: string): boolean {
  return /\p{L}/u.test(name);
}
