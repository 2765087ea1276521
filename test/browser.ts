/**
 * Headless Chromium from Debian's packages, driven by playwright-core (which
 * never downloads a browser). Browser tests skip, saying why, only when
 * /usr/bin/chromium is missing on a developer's machine; in CI (`CI` set, or
 * LINLI_REQUIRE_BROWSER=1 as .ci/run sets it) a missing browser fails them.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const required = Boolean(process.env.CI) || process.env.LINLI_REQUIRE_BROWSER === "1";

/** Why browser tests can't run here, or undefined when they can (throws in CI). */
export function browserMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium)`;
  if (required) throw new Error(`${why}; CI must run them`);
  return why;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with an empty profile: no network of its own, no first-run, no updates. */
export async function launchBrowser(viewport = { width: 390, height: 844 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "linli-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 2,
    locale: "zh-CN",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
