/**
 * Minimal multipart/form-data parser for the fake Telegram server.
 *
 * grammY writes its own multipart stream with headers like
 *   content-disposition:form-data;name="xyz";filename=report.csv
 * (no space after the colon, unquoted filename). Node's built-in
 * `Request.formData()` rejects that, so we parse it ourselves.
 */

/** One part of a multipart body. `filename` is set only for file parts. */
export interface MultipartPart {
  name: string;
  filename?: string;
  content: Buffer;
}

/** Extracts the boundary from a `multipart/form-data; boundary=...` content type. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a multipart body into its parts. Malformed trailing data is ignored. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    // "--boundary--" closes the body.
    if (body.subarray(start, start + 2).toString() === "--") break;
    start += 2; // CRLF after the delimiter
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part ends with CRLF right before the next delimiter.
    const raw = body.subarray(start, next - 2);
    const headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const part = parseHeaders(raw.subarray(0, headerEnd).toString("utf8"));
      if (part) parts.push({ ...part, content: Buffer.from(raw.subarray(headerEnd + 4)) });
    }
    pos = next;
  }
  return parts;
}

/** Reads `name` and `filename` from the part's content-disposition header. */
function parseHeaders(headers: string): { name: string; filename?: string } | undefined {
  const disposition = headers
    .split("\r\n")
    .find((line) => line.toLowerCase().startsWith("content-disposition:"));
  if (!disposition) return undefined;
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  // Quoted (standard) or unquoted up to end of line (grammY).
  const file = /;\s*filename=(?:"([^"]*)"|(.*))$/i.exec(disposition);
  const filename = file?.[1] ?? file?.[2]?.trim();
  return filename === undefined ? { name } : { name, filename };
}
