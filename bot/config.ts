/**
 * Settings, read once from the environment (and `.env`) and validated with
 * zod. A bad setting produces one readable message listing every problem.
 * The texts here are for the operator at the terminal, not for residents, so
 * they are English and live here rather than in locales/.
 */
import { z } from "zod";
import { type Category, isCategory } from "../domain/request-catalogue.js";
import type { RequestSettings } from "../domain/request-ledger.js";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Plain http is accepted only for these (a demo or a test on this machine). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Settings every mode has. */
const common = z.object({
  BOT_TOKEN: z
    .string({
      error:
        "is missing. Ask @BotFather in Telegram for a token (/newbot) and put BOT_TOKEN=... in .env",
    })
    .trim()
    .regex(/^\d+:[\w-]{10,}$/, {
      error:
        "does not look like a bot token (it should look like 123456789:AAE...). Copy it again from @BotFather",
    }),
  TELEGRAM_API_ROOT: z
    .url({ error: "must be a URL such as https://api.telegram.org" })
    .default("https://api.telegram.org")
    .transform((u) => u.replace(/\/+$/, "")),
  TELEGRAM_TIMEOUT_SECONDS: z.coerce
    .number({ error: "must be a number of seconds" })
    .min(1, { error: "must be at least 1 second" })
    .max(120, { error: "must be at most 120 seconds" })
    .default(10),
  /** sqlite:<file> (one process), postgres://user@host:5432/db (any number of processes). */
  DATABASE_URL: z.string().trim().min(1).default("sqlite:./data/linli.sqlite"),
  ADMIN_IDS: z
    .string()
    .default("")
    .refine((s) => s.split(",").every((x) => x.trim() === "" || /^\d+$/.test(x.trim())), {
      error: "must be Telegram user ids separated by commas, e.g. 12345678,87654321",
    })
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "")
        .map(Number),
    ),
  TIMEZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine(isTimeZone, { error: "is not a known time zone (use a name like Asia/Shanghai)" }),
  DEFAULT_LOCALE: z.enum(["zh-CN", "en"], { error: "must be zh-CN or en" }).default("zh-CN"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  QUIET_HOURS: z
    .string()
    .default("22:00-07:00")
    .refine((s) => /^\d\d:\d\d-\d\d:\d\d$/.test(s) && s.split("-").every((t) => TIME.test(t)), {
      error: "must look like 22:00-07:00",
    }),
  SEND_RATE: z.coerce.number({ error: "must be a number" }).positive().max(1000).default(30),
  PAID_BROADCAST: z
    .enum(["0", "1", "false", "true", "no", "yes", "off", "on"], {
      error: "must be 1 (on) or 0 (off)",
    })
    .default("0")
    .transform((v) => ["1", "true", "yes", "on"].includes(v)),
  PAID_BROADCAST_RATE: z.coerce
    .number({ error: "must be a number of messages per second" })
    .min(31, { error: "must be above the free 30 messages per second" })
    .max(1000, { error: "must be at most 1000 (Telegram's limit for paid broadcasts)" })
    .default(1000),
  REQUEST_URGENT_MINUTES: z.coerce
    .number({ error: "must be a number of minutes" })
    .int()
    .min(5)
    .max(1440)
    .default(60),
  REQUEST_TODAY_BY: z
    .string()
    .default("20:00")
    .refine((s) => TIME.test(s), { error: "must be a time like 20:00" }),
  REQUEST_LATER_DAYS: z.coerce
    .number({ error: "must be a number of days" })
    .int()
    .min(1)
    .max(30)
    .default(3),
  REQUEST_CATEGORY_TARGETS: z
    .string()
    .default("")
    .refine((s) => parseCategoryTargets(s) !== undefined, {
      error:
        "must look like medicine:later=2,gas:now=30 (category:now=<minutes>, later=<days> or today=<HH:MM>)",
    }),
  SHIFT_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .refine((h) => [4, 6, 8, 12, 24].includes(h), { error: "must be 4, 6, 8, 12 or 24" })
    .default(8),
  CONVERSATION_TIMEOUT_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .min(0.25)
    .max(24 * 14)
    .default(24),
  URGENT_BURST_COUNT: z.coerce
    .number({ error: "must be a number of urgent items" })
    .int()
    .min(2)
    .max(1000)
    .default(5),
  URGENT_BURST_MINUTES: z.coerce
    .number({ error: "must be a number of minutes" })
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  VOLUNTEER_TASK_MAX_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .positive()
    .max(24)
    .default(8),
  WEB_APP_URL: z
    .url({
      error:
        "must be the public https address of the dashboard, e.g. https://linli.example.org/dashboard/",
    })
    .refine(
      (u) => {
        const url = new URL(u);
        return url.protocol === "https:" || LOCAL_HOSTS.has(url.hostname);
      },
      { error: "must start with https:// (Telegram opens Mini Apps only over https)" },
    )
    .optional(),
  WEB_PORT: z.coerce.number({ error: "must be a port number" }).int().min(1).max(65535).optional(),
  /** The interface the bot's HTTP server listens on; every interface when empty. */
  LISTEN_HOST: z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
  /** /healthz and /metrics in polling mode (webhook mode serves them on PORT). */
  METRICS_PORT: z.coerce
    .number({ error: "must be a port number" })
    .int()
    .min(1)
    .max(65535)
    .optional(),
  WEB_APP_MAX_AGE_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .positive()
    .max(168)
    .default(24),
  ASK_ANSWER_HOURS: z.coerce
    .number({ error: "must be a number of hours" })
    .int({ error: "must be a whole number of hours" })
    .min(1)
    .max(72)
    .default(4),
  CARE_ROUND_AT: z
    .string()
    .default("08:00")
    .refine((s) => TIME.test(s), { error: "must be a time like 08:00" }),
  CARE_SILENCE_AT: z
    .string()
    .default("16:00")
    .refine((s) => TIME.test(s), { error: "must be a time like 16:00" }),
  CARE_DAY_END: z
    .string()
    .default("20:00")
    .refine((s) => TIME.test(s), { error: "must be a time like 20:00" }),
});

/** The care round's times must come in order: the round and the silence check before the day's end. */
const careTimes = common.superRefine((env, ctx) => {
  for (const key of ["CARE_ROUND_AT", "CARE_SILENCE_AT"] as const) {
    if (TIME.test(env[key]) && TIME.test(env.CARE_DAY_END) && env[key] >= env.CARE_DAY_END) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `must be earlier than CARE_DAY_END (${env.CARE_DAY_END})`,
      });
    }
  }
});

/**
 * What the way of receiving updates needs: nothing for polling; for a
 * webhook, the public URL, the secret Telegram sends back, and the port.
 */
const mode = z.discriminatedUnion(
  "BOT_MODE",
  [
    z.object({ BOT_MODE: z.literal("polling") }),
    z.object({
      BOT_MODE: z.literal("webhook"),
      WEBHOOK_URL: z.url({
        error: (issue) =>
          issue.input === undefined
            ? "is required when BOT_MODE=webhook"
            : "must be the public https URL Telegram will call",
      }),
      WEBHOOK_SECRET: z
        .string({
          error: "is required when BOT_MODE=webhook (any random string of 16+ letters and digits)",
        })
        .regex(/^[A-Za-z0-9_-]{16,256}$/, {
          error: "must be 16 to 256 characters of letters, digits, _ or -",
        }),
      PORT: z.coerce
        .number({ error: "must be a port number" })
        .int()
        .min(1)
        .max(65535)
        .default(8080),
      WEBHOOK_TIMEOUT_SECONDS: z.coerce
        .number({ error: "must be a number of seconds" })
        .min(1, { error: "must be at least 1 second" })
        .max(50, { error: "must be at most 50 seconds" })
        .default(10),
    }),
  ],
  { error: "must be polling or webhook" },
);

/**
 * The one schema: the environment in, the config out. Both halves are
 * checked, so every problem is listed at once; webhook settings are required
 * (and typed as present) only in webhook mode.
 */
const schema = z
  .intersection(
    careTimes,
    z.preprocess((env) => ({ BOT_MODE: "polling", ...(env as object) }), mode),
  )
  .transform((env) => {
    /** Overdue targets and shift length for the requests ledger. */
    const requests: RequestSettings = {
      targets: {
        nowMinutes: env.REQUEST_URGENT_MINUTES,
        todayBy: env.REQUEST_TODAY_BY,
        laterDays: env.REQUEST_LATER_DAYS,
      },
      categoryTargets: parseCategoryTargets(env.REQUEST_CATEGORY_TARGETS) ?? {},
      shiftHours: env.SHIFT_HOURS,
    };
    /** The volunteers' ledger: the most hours one task counts for (claim to done). */
    const volunteers = { taskMaxMinutes: Math.round(env.VOLUNTEER_TASK_MAX_HOURS * 60) };
    const settings = {
      botToken: env.BOT_TOKEN,
      apiRoot: env.TELEGRAM_API_ROOT,
      apiTimeoutSeconds: env.TELEGRAM_TIMEOUT_SECONDS,
      databaseUrl: env.DATABASE_URL,
      adminIds: env.ADMIN_IDS,
      timezone: env.TIMEZONE,
      defaultLocale: env.DEFAULT_LOCALE,
      logLevel: env.LOG_LEVEL,
      quietHours: env.QUIET_HOURS,
      sendRate: env.SEND_RATE,
      /**
       * Paid broadcasts (enabled for the bot with @BotFather): bulk notices go
       * with allow_paid_broadcast at up to `ratePerSecond`, and Telegram charges
       * Stars for the messages above the free limit.
       */
      paidBroadcast: { enabled: env.PAID_BROADCAST, ratePerSecond: env.PAID_BROADCAST_RATE },
      requests,
      /** Ask my worker: a question nobody answered in this many hours goes to the coordinators. */
      grid: { answerHours: env.ASK_ANSWER_HOURS },
      /** The key-care round: tasks in the morning, silence checked, unrecorded checks escalated. */
      care: {
        roundAt: env.CARE_ROUND_AT,
        silenceAt: env.CARE_SILENCE_AT,
        dayEnd: env.CARE_DAY_END,
      },
      limits: {
        /** A question unanswered this long ends its conversation. */
        conversationTimeoutMs: Math.round(env.CONVERSATION_TIMEOUT_HOURS * 3600_000),
        /** This many urgent items within this many minutes tell the admins (once). */
        urgentBurst: { count: env.URGENT_BURST_COUNT, minutes: env.URGENT_BURST_MINUTES },
      },
      /**
       * The staff dashboard (a Telegram Mini App): its public address (no menu
       * button without it), the port it is served on in polling mode (webhook
       * mode serves it on the webhook's port), and how old a sign-in may be.
       */
      webApp: {
        url: env.WEB_APP_URL,
        port: env.WEB_PORT,
        maxAgeSeconds: Math.round(env.WEB_APP_MAX_AGE_HOURS * 3600),
      },
      volunteers,
      /** Polling mode: the port of /healthz and /metrics (none without it). */
      metricsPort: env.METRICS_PORT,
      /** Where the HTTP server (webhook, dashboard, health) listens: every interface if unset. */
      listenHost: env.LISTEN_HOST,
    };
    return env.BOT_MODE === "webhook"
      ? {
          ...settings,
          mode: env.BOT_MODE,
          webhookUrl: env.WEBHOOK_URL,
          webhookSecret: env.WEBHOOK_SECRET,
          port: env.PORT,
          webhookTimeoutSeconds: env.WEBHOOK_TIMEOUT_SECONDS,
        }
      : { ...settings, mode: env.BOT_MODE };
  });

/** The settings, as the rest of the bot reads them. */
export type Config = z.infer<typeof schema>;

/**
 * Per-category overdue targets: `medicine:later=2,gas:now=30,repair:today=18:00`.
 * Returns undefined when the text is malformed.
 */
export function parseCategoryTargets(text: string): RequestSettings["categoryTargets"] | undefined {
  const targets: RequestSettings["categoryTargets"] = {};
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "")) {
    const m = /^([a-z_]+):(now|later|today)=(\S+)$/.exec(part);
    if (!m || !isCategory(m[1] as string)) return undefined;
    const category = m[1] as Category;
    const value = m[3] as string;
    const entry = { ...targets[category] };
    if (m[2] === "today") {
      if (!TIME.test(value)) return undefined;
      entry.todayBy = value;
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) return undefined;
      if (m[2] === "now") entry.nowMinutes = n;
      else entry.laterDays = n;
    }
    targets[category] = entry;
  }
  return targets;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

export function parseConfig(env: Record<string, string | undefined>): ConfigResult {
  // Treat empty values in .env ("BOT_TOKEN=") as missing.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = schema.safeParse(cleaned);
  if (parsed.success) return { ok: true, config: parsed.data };
  const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "config"} ${i.message}`);
  return {
    ok: false,
    message: [
      "Linli cannot start: the configuration has problems.",
      ...lines,
      "Settings come from the environment or a .env file; see .env.example for every setting.",
    ].join("\n"),
  };
}
