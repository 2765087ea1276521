/**
 * What the page shows: four phones (the resident, the worker, the
 * coordinator, building 1's group), the chats in each, the tour, and the
 * page's own words in both languages from locales/<lang>/demo.ftl.
 */
import { readFileSync } from "node:fs";
import { createI18n, LOCALES } from "../bot/i18n.js";
import { COORDINATOR, GROUP_1, NEIGHBOUR, RESIDENT, RESIDENT_ROOM, WORKER } from "./community.js";

export interface PhoneScene {
  /** Whose phone: the person the visitor speaks as. */
  as: number;
  /** The words key of the phone's caption. */
  label: string;
  /** The chats on this phone, the first shown first. */
  chats: Array<{ id: number; label?: string }>;
}

export interface TourStep {
  title: string;
  body: string;
  /** Which phone the step is about, and what "Fill it in for me" types there. */
  phone: number;
  fill?: string;
}

export function scene(): { phones: PhoneScene[]; tour: TourStep[]; room: string } {
  const phones: PhoneScene[] = [
    {
      as: RESIDENT.id,
      label: "demo-phone-resident",
      chats: [{ id: RESIDENT.id, label: "demo-chat-bot" }, { id: GROUP_1 }],
    },
    {
      as: WORKER.id,
      label: "demo-phone-worker",
      chats: [{ id: WORKER.id, label: "demo-chat-bot" }],
    },
    {
      as: COORDINATOR.id,
      label: "demo-phone-coordinator",
      chats: [{ id: COORDINATOR.id, label: "demo-chat-bot" }],
    },
    {
      as: NEIGHBOUR.id,
      label: "demo-phone-group",
      chats: [{ id: GROUP_1 }, { id: NEIGHBOUR.id, label: "demo-chat-bot" }],
    },
  ];
  const step = (n: number, phone: number, fill?: string): TourStep => ({
    title: `demo-tour-${n}-title`,
    body: `demo-tour-${n}-body`,
    phone,
    ...(fill ? { fill } : {}),
  });
  return {
    phones,
    room: RESIDENT_ROOM,
    tour: [
      step(1, 0, "/register"),
      step(2, 1, "/notice"),
      step(3, 0, "/sos"),
      step(4, 0, "/request"),
      step(5, 1),
    ],
  };
}

/** The page's words: every `demo-*` key of locales/zh-CN/demo.ftl, in each language. */
export function words(): Record<string, Record<string, string>> {
  const source = readFileSync(new URL("../locales/zh-CN/demo.ftl", import.meta.url), "utf8");
  const keys = [...source.matchAll(/^(demo-[\w-]+)\s*=/gm)].map((m) => m[1] as string);
  const i18n = createI18n("zh-CN");
  const out: Record<string, Record<string, string>> = {};
  for (const locale of LOCALES) {
    // Variables stay as { $name } placeholders for the page to fill in.
    out[locale] = Object.fromEntries(
      keys.map((key) => [
        key,
        i18n.t(locale, key, { n: "{n}", total: "{total}", reason: "{reason}" }),
      ]),
    );
  }
  return out;
}
