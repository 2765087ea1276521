/**
 * Downloading a file someone sent, with a cap on what is actually received.
 * The size a message declares (`file_size`) is only a claim: the download is
 * counted as it streams, and stopped as soon as it passes the cap, so a
 * file bigger than it said never fills memory.
 */
import type { BaseContext } from "./context.js";

export type Downloaded =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: "too-big" | "failed" };

export async function downloadFile(
  ctx: BaseContext,
  fileId: string,
  maxBytes: number,
): Promise<Downloaded> {
  const file = await ctx.api.getFile(fileId);
  if (file.file_size !== undefined && file.file_size > maxBytes) {
    return { ok: false, reason: "too-big" };
  }
  if (!file.file_path) return { ok: false, reason: "failed" };
  const { apiRoot, botToken } = ctx.deps.config;
  const controller = new AbortController();
  let response: Response;
  try {
    response = await fetch(`${apiRoot}/file/bot${botToken}/${file.file_path}`, {
      signal: controller.signal,
    });
  } catch {
    return { ok: false, reason: "failed" };
  }
  if (!response.ok || !response.body) return { ok: false, reason: "failed" };
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    controller.abort();
    return { ok: false, reason: "too-big" };
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        controller.abort();
        return { ok: false, reason: "too-big" };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: "failed" };
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}
