/**
 * Keeps each notice's live report current: when a delivery or a "Got it"
 * changes it, the report message is edited in place, at most once every few
 * seconds per report so Telegram's edit limits are never reached.
 */
import { type Api, GrammyError } from "grammy";
import type { BotDeps } from "../../bot/context.js";
import { localeFor } from "../../bot/i18n.js";
import { type NoticeReport, NoticeReportTally } from "../../domain/notice-report.js";
import type { Storage } from "../../storage/index.js";
import { NOTICE_REF } from "../../storage/notices.js";
import { reportKeyboard, reportText } from "./render.js";

export const REPORT_EDIT_INTERVAL_MS = 5_000;

/** Rows counted per query: the report of a notice to 100,000 never holds them all. */
const REPORT_PAGE = 5_000;

/** A notice's report, counted page by page (person id order). */
export async function tallyReport(
  storage: Storage,
  noticeId: number,
  pageSize = REPORT_PAGE,
): Promise<NoticeReport> {
  const tally = new NoticeReportTally();
  let after = 0;
  for (;;) {
    const page = await storage.notices.reportFacts(noticeId, { after, limit: pageSize });
    for (const d of page) tally.add(d);
    if (page.length < pageSize) return tally.result();
    after = (page[page.length - 1] as { personId: number }).personId;
  }
}

/**
 * Edits every report that changed and wasn't edited in the last interval.
 * Returns how many. Each report is claimed in the database before it is
 * rendered, so with several processes only one edits it.
 */
export async function refreshReports(deps: BotDeps, api: Api): Promise<number> {
  const { storage, clock } = deps;
  const due = await storage.notices.claimDirtyReports(
    new Date(clock.now().getTime() - REPORT_EDIT_INTERVAL_MS),
  );
  let edited = 0;
  for (const notice of due) {
    const viewer = await storage.people.get(notice.reportChatId as number);
    const locale = localeFor(deps, viewer);
    const text = reportText(deps, locale, notice, await tallyReport(storage, notice.id));
    try {
      await api.editMessageText(
        notice.reportChatId as number,
        notice.reportMessageId as number,
        text,
        {
          reply_markup: reportKeyboard(deps, locale, notice.id),
        },
      );
      edited++;
    } catch (error) {
      // Unchanged text, or the worker deleted the report: nothing to do but stop trying.
      if (!(error instanceof GrammyError && error.error_code === 400)) {
        // Not edited: claimed back for the next run.
        await storage.notices.markReportDirty(notice.id);
        throw error;
      }
    }
  }
  return edited;
}

/**
 * Outbox hook: a notice's delivery was sent or failed, so its live report is
 * out of date (the job above edits it).
 */
export function markNoticeReport(storage: Storage) {
  return async (row: { ref: { type: string; id: string } | null }): Promise<void> => {
    if (row.ref?.type === NOTICE_REF) await storage.notices.markReportDirty(Number(row.ref.id));
  };
}
