/**
 * The community layout: an admin sends a CSV (`building,unit,room`) as a
 * document, or lines of text after /layout. Any bad row means nothing is
 * imported, and every problem is reported with its line number.
 */
import { Composer } from "grammy";
import type { BotContext } from "../../bot/context.js";
import { downloadFile } from "../../bot/files.js";
import { privateOnly, requireRole } from "../../bot/permissions.js";
import { splitMessage } from "../../domain/text.js";
import { decodeText, type TextEncodingName } from "../../domain/text-encoding.js";
import { importLayout } from "./service.js";

const MAX_FILE_BYTES = 2 * 1024 * 1024;
const MAX_PROBLEMS_SHOWN = 30;
const ENCODING_NAMES: Record<TextEncodingName, string> = {
  "UTF-8": "UTF-8",
  "UTF-16LE": "UTF-16 (Unicode)",
  "UTF-16BE": "UTF-16 BE",
  GB18030: "GBK/GB18030",
};

export const layout = new Composer<BotContext>();

layout.command("layout", privateOnly(), requireRole("layout.import", ["admin"]), async (ctx) => {
  const text = ctx.match;
  if (text.trim() === "") {
    await ctx.reply(ctx.t("layout-usage"));
    return;
  }
  await replyImport(ctx, text);
});

layout
  .chatType("private")
  .on("message:document", requireRole("layout.import", ["admin"]), async (ctx) => {
    const doc = ctx.message.document;
    const name = doc.file_name ?? "";
    if (!/\.(csv|txt)$/i.test(name) && !/csv|text\/plain/.test(doc.mime_type ?? "")) {
      await ctx.reply(ctx.t("layout-not-csv"));
      return;
    }
    // The declared size is only a claim: the cap is enforced again on what is downloaded.
    if ((doc.file_size ?? 0) > MAX_FILE_BYTES) {
      await ctx.reply(ctx.t("layout-too-big", { max: "2 MB" }));
      return;
    }
    const file = await downloadFile(ctx, doc.file_id, MAX_FILE_BYTES);
    if (!file.ok) {
      await ctx.reply(
        file.reason === "too-big"
          ? ctx.t("layout-too-big", { max: "2 MB" })
          : ctx.t("layout-download-failed"),
      );
      return;
    }
    const decoded = decodeText(file.bytes);
    if (!decoded.ok) {
      await ctx.reply(ctx.t("layout-not-text"));
      return;
    }
    // Said in the words people see in Excel's "Save as" list.
    const encoding = ENCODING_NAMES[decoded.encoding];
    await replyImport(ctx, decoded.text, ctx.t("layout-encoding", { encoding }));
  });

/**
 * Imports, then says what happened: the counts, or every problem with its
 * line number; for a file, first which encoding it was read as.
 */
async function replyImport(ctx: BotContext, text: string, read?: string): Promise<void> {
  const outcome = await importLayout(ctx.deps, ctx.from?.id ?? null, text);
  const withRead = (s: string) => (read ? `${read}\n${s}` : s);
  if (outcome.ok) {
    const { added, existing, buildings } = outcome;
    await ctx.reply(withRead(ctx.t("layout-imported", { added, existing, buildings })));
    return;
  }
  if (outcome.empty) {
    await ctx.reply(withRead(ctx.t("layout-empty")));
    return;
  }
  const { problems } = outcome;
  const lines = problems
    .slice(0, MAX_PROBLEMS_SHOWN)
    .map((p) => ctx.t(`layout-problem-${p.kind}`, { ...p } as Record<string, string | number>));
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    lines.push(ctx.t("layout-more-problems", { count: problems.length - MAX_PROBLEMS_SHOWN }));
  }
  const message = withRead(
    [ctx.t("layout-rejected", { count: problems.length }), ...lines].join("\n"),
  );
  for (const chunk of splitMessage(message)) await ctx.reply(chunk);
}
