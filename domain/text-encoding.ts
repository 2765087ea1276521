/**
 * Which text encoding a file is in, and its text. Excel in China saves CSV
 * as GBK ("CSV (逗号分隔)"), "Unicode text" as UTF-16 LE with a BOM, and
 * "CSV UTF-8" with a BOM; other tools write UTF-8 or UTF-16 without one.
 *
 * The rules, in order:
 * 1. A byte-order mark decides: EF BB BF is UTF-8, FF FE UTF-16 LE, FE FF
 *    UTF-16 BE, 84 31 95 33 GB18030.
 * 2. Zero bytes mean UTF-16 (UTF-8 and GBK text never has them): more of them
 *    at odd positions is LE (ASCII "3" is 33 00), at even positions BE.
 * 3. Bytes that are valid UTF-8 are UTF-8 (plain ASCII is too).
 * 4. Otherwise GB18030, the superset of GBK and GB2312 that Windows in China
 *    writes; if even that fails, the file is not text we can read.
 *
 * Decoding uses the platform's TextDecoder (WHATWG Encoding: "gb18030"
 * covers GBK), with `fatal` so a wrong guess fails instead of producing
 * replacement characters. Pure: no I/O.
 */

export type TextEncodingName = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "GB18030";

export type Decoded =
  | { ok: true; text: string; encoding: TextEncodingName; bom: boolean }
  | { ok: false };

const LABELS: Record<TextEncodingName, string> = {
  "UTF-8": "utf-8",
  "UTF-16LE": "utf-16le",
  "UTF-16BE": "utf-16be",
  GB18030: "gb18030",
};

const BOMS: ReadonlyArray<[TextEncodingName, readonly number[]]> = [
  ["UTF-8", [0xef, 0xbb, 0xbf]],
  ["UTF-16LE", [0xff, 0xfe]],
  ["UTF-16BE", [0xfe, 0xff]],
  ["GB18030", [0x84, 0x31, 0x95, 0x33]],
];

function strict(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM: the mark, if any, was already cut off.
    return new TextDecoder(LABELS[encoding], { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a mark: which byte of each pair holds the zeros, if any. */
function utf16Order(bytes: Uint8Array): TextEncodingName | undefined {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  if (even === 0 && odd === 0) return undefined;
  return odd >= even ? "UTF-16LE" : "UTF-16BE";
}

export function decodeText(bytes: Uint8Array): Decoded {
  for (const [encoding, bom] of BOMS) {
    if (!startsWith(bytes, bom)) continue;
    const text = strict(encoding, bytes.subarray(bom.length));
    return text === undefined ? { ok: false } : { ok: true, text, encoding, bom: true };
  }
  const order = utf16Order(bytes);
  const candidates: TextEncodingName[] = order ? [order] : ["UTF-8", "GB18030"];
  for (const encoding of candidates) {
    const text = strict(encoding, bytes);
    if (text !== undefined) return { ok: true, text, encoding, bom: false };
  }
  return { ok: false };
}
