// What every page test checks at both sizes: nothing wider than the screen, and (with PAGES_SHOTS=<dir>) a
// full-page screenshot of each state for a person to look at.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startSandbox, type Sandbox, type SandboxOptions } from '#local/index.ts';
import { launchBrowser } from './browser.ts';

export const DESKTOP = { width: 1366, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A page at `viewport`, as a phone reports itself when it is one (touch, a mobile layout viewport). */
export const openPage = async (browser: Browser, viewport: typeof DESKTOP | typeof PHONE): Promise<Page> => {
  const phone = viewport === PHONE;
  const page = await browser.newPage({ viewport, isMobile: phone, hasTouch: phone, deviceScaleFactor: 1 });
  page.setDefaultTimeout(10_000);
  return page;
};

/**
 * How far the page reaches past the right edge of the screen (0 when it fits), with the widest elements that
 * stick out, so that a failure names what to fix.
 */
export const overflow = (page: Page): Promise<{ px: number; culprits: string[] }> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5 && !el.closest('.table-wrap'))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`);
    return { px: document.documentElement.scrollWidth - width, culprits };
  });

export const screenshot = async (page: Page, name: string): Promise<void> => {
  const dir = process.env.PAGES_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const size = page.viewportSize()!.width < 600 ? 'phone' : 'desktop';
  await page.screenshot({ path: join(dir, `${name}-${size}.png`), fullPage: true });
};

/** A test file's sandbox and browser, started before its tests and stopped after them (read them in hooks). */
export const browserSuite = (options: SandboxOptions = {}): { sandbox: Sandbox; browser: Browser } => {
  const suite = {} as { sandbox: Sandbox; browser: Browser };
  beforeAll(async () => {
    [suite.sandbox, suite.browser] = await Promise.all([startSandbox({ port: 0, ...options }), launchBrowser()]);
  });
  afterAll(async () => {
    await Promise.all([suite.browser?.close(), suite.sandbox?.stop()]);
  });
  return suite;
};
