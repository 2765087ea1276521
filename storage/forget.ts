/**
 * /forget: a person's name, username and phone, and the words they typed,
 * leave every table, in one transaction. Rows others need (the request
 * ledger, the urgent items' timelines, the check-in figures, the notice
 * reports, the audit log) stay with their ids, anonymised.
 *
 * What goes, table by table:
 * - people: first and user name, display name, phone (the row stays, with
 *   `forgotten_at`, so the ids elsewhere still mean "someone");
 * - residents: the link to their room (the household's combined answers are
 *   recomputed without theirs); checkin_opt_in: the morning prompt;
 * - requests about them: the answers, photos and notes (category, unit,
 *   state and times stay for the ledger); request_events on them: the notes;
 * - checkin_readings they reported: the typed symptom note (the reading
 *   stays, for the household's figures);
 * - notice_deliveries to them: the question they asked;
 * - medicine_submissions of theirs: the prescription photos (the list of
 *   medicines stays: a round in progress buys from it);
 * - grid_messages they wrote to their worker: the words (the thread stays);
 *   grid_workers: a forgotten worker's shown name and phone;
 * - care_activity: when they last wrote to the bot;
 * - escalations about them: what happened (their words, or a temperature,
 *   and the lines of a second SOS folded into the first), the phone and the
 *   name shown on pages;
 * - duty_shifts of theirs: "@username" in the roster line becomes their id;
 * - outbox: messages to them not yet sent are cancelled, and nothing sent
 *   to them is kept; messages about their requests and urgent items keep no
 *   text once sent (those still waiting go out, without their name and
 *   phone); any other message, sent or not, loses their name and phone;
 * - kv: their conversations (a half-finished registration holds a typed name
 *   and phone) and a pending "leave the open one?" question;
 * - audit_log details, escalation_events details, kv values: their name and
 *   phone wherever they appear.
 *
 * "Their name" is every name the database knew for them before: the name
 * they registered with, Telegram's first name and @username. A name shorter
 * than 2 characters is not searched for (it would match inside other words).
 */
import { type Expression, type SqlBool, sql } from "kysely";
import { type Clock, iso } from "./clock.js";
import type { DB } from "./database.js";
import { EDIT_REF, NOTE_REF, PAGE_REF } from "./escalations.js";
import { recombine } from "./households.js";
import { CARD_REF } from "./requests.js";
import { inTransaction } from "./transaction.js";

/** Outbox refs that point at a request or an urgent item by its id. */
const REQUEST_REFS = [CARD_REF, "request", "request-update"];
const ESCALATION_REFS = [PAGE_REF, EDIT_REF, NOTE_REF];
/** Outbox rows still to be sent (or on the wire). */
const WAITING: Array<"pending" | "sending"> = ["pending", "sending"];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces every occurrence of the needles in a string. A needle of word
 * characters only (a Latin name, a username, digits) must stand alone, so
 * "Li" does not eat into "Lily" and a phone number not into a longer one.
 */
export function scrubber(needles: readonly string[], replacement = "[deleted]") {
  const words = needles.filter((n) => n.length >= 2);
  if (words.length === 0) return (text: string) => text;
  const pattern = words
    .sort((a, b) => b.length - a.length)
    .map((n) => (/^\w+$/u.test(n) ? `(?<!\\w)${escapeRegExp(n)}(?!\\w)` : escapeRegExp(n)))
    .join("|");
  const re = new RegExp(pattern, "giu");
  return (text: string) => text.replace(re, replacement);
}

/** The same inside a JSON document: every string in it, keys left alone. */
function scrubJson(json: string, scrub: (s: string) => string): string {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return scrub(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object")
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  try {
    return JSON.stringify(walk(JSON.parse(json)));
  } catch {
    return scrub(json);
  }
}

/** `column like '%needle%' or …`, each needle as it appears inside a JSON string. */
function mentions(column: string, needles: readonly string[]): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    needles.map((n) => sql`${sql.ref(column)} like ${`%${JSON.stringify(n).slice(1, -1)}%`}`),
    sql` or `,
  )})`;
}

export function forgetRepo(db: DB, clock: Clock) {
  return {
    /** Forgets a person everywhere (see the file's comment). Their id stays. */
    async forget(personId: number): Promise<void> {
      await inTransaction(db, async (trx) => {
        const now = iso(clock);
        const person = await trx
          .selectFrom("people")
          .select(["first_name", "username", "display_name", "phone"])
          .where("id", "=", personId)
          .executeTakeFirst();
        const labels = await trx
          .selectFrom("escalations")
          .select("person_label")
          .where("person_id", "=", personId)
          .execute();
        const names = [person?.display_name, person?.first_name, person?.username]
          .concat(person?.username ? [`@${person.username}`] : [])
          .filter((n): n is string => !!n);
        const needles = [
          ...new Set([
            ...names,
            ...(person?.phone ? [person.phone] : []),
            // An SOS from before they registered names them as Telegram did.
            ...labels.flatMap((l) => (l.person_label ? [l.person_label] : [])),
          ]),
        ].filter((n) => n.length >= 2);
        const scrub = scrubber(needles);

        // The person and their room.
        await trx
          .updateTable("people")
          .set({
            first_name: null,
            username: null,
            display_name: null,
            phone: null,
            forgotten_at: now,
            updated_at: now,
          })
          .where("id", "=", personId)
          .execute();
        const link = await trx
          .selectFrom("residents")
          .select("household_id")
          .where("person_id", "=", personId)
          .executeTakeFirst();
        await trx.deleteFrom("residents").where("person_id", "=", personId).execute();
        if (link) await recombine(trx, link.household_id, now);
        await trx.deleteFrom("checkin_opt_in").where("person_id", "=", personId).execute();

        // Their requests: what they asked for and said; the ledger keeps the rest.
        const requests = await trx
          .selectFrom("requests")
          .select("id")
          .where("person_id", "=", personId)
          .execute();
        const requestIds = requests.map((r) => r.id);
        if (requestIds.length > 0) {
          await trx
            .updateTable("requests")
            .set({
              details: "{}",
              photos: "[]",
              last_note: null,
              subject_name: null,
              subject_phone: null,
              updated_at: now,
            })
            .where("id", "in", requestIds)
            .execute();
          await trx
            .updateTable("request_events")
            .set({ note: null })
            .where("request_id", "in", requestIds)
            .execute();
        }
        await trx
          .updateTable("checkin_readings")
          .set({ note: null })
          .where("reported_by", "=", personId)
          .execute();
        await trx
          .updateTable("notice_deliveries")
          .set({ question: null })
          .where("person_id", "=", personId)
          .execute();
        // Medicine rounds: the prescription photos go; the list stays (the run buys from it).
        await trx
          .updateTable("medicine_submissions")
          .set({ photos: "[]", updated_at: now })
          .where("person_id", "=", personId)
          .execute();

        // Ask my worker: the words they wrote in their threads go; the thread stays
        // (answered, closed, times) for the worker's figures. A worker forgotten
        // stops being shown to residents by name or phone.
        await trx
          .updateTable("grid_messages")
          .set({ text: "" })
          .where("from_id", "=", personId)
          .execute();
        await trx
          .updateTable("grid_workers")
          .set({ shown_name: null, shown_phone: null, share_account: 0, updated_at: now })
          .where("person_id", "=", personId)
          .execute();
        // When they last wrote to the bot (the key-care round's silence signal).
        await trx.deleteFrom("care_activity").where("person_id", "=", personId).execute();

        // Their urgent items: the words, the phone and the name on the pages.
        const items = await trx
          .selectFrom("escalations")
          .select("id")
          .where((eb) =>
            eb.or([
              eb("person_id", "=", personId),
              eb.and([eb("person_id", "is", null), eb("raised_by", "=", personId)]),
            ]),
          )
          .execute();
        const itemIds = items.map((e) => e.id);
        if (itemIds.length > 0) {
          await trx
            .updateTable("escalations")
            .set({ summary: "", phone: null, person_label: null })
            .where("id", "in", itemIds)
            .execute();
          // A second SOS folded into the first keeps its line on the timeline.
          await trx
            .updateTable("escalation_events")
            .set({ detail: null })
            .where("escalation_id", "in", itemIds)
            .where("type", "=", "again")
            .execute();
        }

        // The roster names them by @username as the admin typed it.
        if (person?.username) {
          const shifts = await trx
            .selectFrom("duty_shifts")
            .select(["id", "line"])
            .where("person_id", "=", personId)
            .execute();
          const at = new RegExp(`@${escapeRegExp(person.username)}(?![\\w])`, "giu");
          for (const s of shifts) {
            await trx
              .updateTable("duty_shifts")
              .set({ line: s.line.replace(at, String(personId)) })
              .where("id", "=", s.id)
              .execute();
          }
        }

        // The outbox. Messages to them: cancelled if waiting; nothing kept either way.
        await trx
          .updateTable("outbox")
          .set({ status: "failed", failure: "cancelled", last_error: "forgotten", updated_at: now })
          .where("chat_id", "=", personId)
          .where("status", "=", "pending")
          .execute();
        await trx
          .updateTable("outbox")
          .set({ payload: "{}", updated_at: now })
          .where("chat_id", "=", personId)
          .execute();
        // Sent messages about their requests and items: the text is history nobody reads again.
        const about = (types: string[], ids: number[]) =>
          ids.length === 0
            ? Promise.resolve()
            : trx
                .updateTable("outbox")
                .set({ payload: "{}", updated_at: now })
                .where("ref_type", "in", types)
                .where(
                  "ref_id",
                  "in",
                  ids.map((id) => String(id)),
                )
                .where("status", "not in", WAITING)
                .execute()
                .then(() => undefined);
        await about(REQUEST_REFS, requestIds);
        await about(ESCALATION_REFS, itemIds);

        // Their conversations (a half-finished registration holds a typed name and phone).
        await trx
          .deleteFrom("kv")
          .where("key", "in", [`conv:${personId}`, `enter:${personId}`])
          .execute();

        // Their name and phone wherever else they appear in free-form text.
        if (needles.length === 0) return;
        for (const row of await trx
          .selectFrom("outbox")
          .select(["id", "payload"])
          .where(mentions("payload", needles))
          .execute()) {
          const payload = scrubJson(row.payload, scrub);
          if (payload !== row.payload)
            await trx.updateTable("outbox").set({ payload }).where("id", "=", row.id).execute();
        }
        for (const table of ["audit_log", "escalation_events"] as const) {
          const rows = await trx
            .selectFrom(table)
            .select(["id", "detail"])
            .where(mentions("detail", needles))
            .execute();
          for (const row of rows) {
            if (row.detail === null) continue;
            const detail = scrubJson(row.detail, scrub);
            if (detail !== row.detail)
              await trx.updateTable(table).set({ detail }).where("id", "=", row.id).execute();
          }
        }
        // A worker's reply in a thread may name them.
        for (const row of await trx
          .selectFrom("grid_messages")
          .select(["id", "text"])
          .where(mentions("text", needles))
          .execute()) {
          const text = scrub(row.text);
          if (text !== row.text)
            await trx.updateTable("grid_messages").set({ text }).where("id", "=", row.id).execute();
        }
        for (const row of await trx
          .selectFrom("kv")
          .select(["key", "value"])
          .where(mentions("value", needles))
          .execute()) {
          const value = scrubJson(row.value, scrub);
          if (value !== row.value)
            await trx
              .updateTable("kv")
              .set({ value, updated_at: now })
              .where("key", "=", row.key)
              .execute();
        }
      });
    },
  };
}
