// Every page in Chromium at a desktop and a phone size: the viewport tag, the shared header with the current
// page marked, nothing wider than a 390 px screen, and Swagger UI on /docs/ left with its own styles.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, openPage, overflow, PHONE, screenshot } from '../helpers/pages.ts';

const PAGES = ['/', '/math/', '/mouse/', '/palettes/', '/formulas/', '/weather/', '/docs/'] as const;

const suite = browserSuite();
const pages: Page[] = [];

beforeAll(async () => {
  pages.push(await openPage(suite.browser, DESKTOP), await openPage(suite.browser, PHONE));
});

/** Opens `path` and waits for its header (every page's script adds it), its tables, and on /docs/ Swagger UI. */
const visit = async (page: Page, path: string): Promise<void> => {
  await page.goto(`${suite.sandbox.url}${path}`);
  await page.waitForSelector('.site-header nav');
  await page.waitForFunction(() => !document.body.textContent?.includes('Loading…'));
  if (path === '/docs/') await page.waitForSelector('#swagger-ui .opblock');
};

describe.each([
  ['desktop', 0],
  ['phone', 1],
] as const)('Every page at %s size', (_size, index) => {
  it.each(PAGES)('%s has the viewport tag, the shared header, and fits the screen', async (path) => {
    const page = pages[index]!;
    await visit(page, path);
    await screenshot(page, path === '/' ? 'landing' : path.replaceAll('/', ''));

    expect(await page.getAttribute('meta[name=viewport]', 'content')).toBe('width=device-width, initial-scale=1');
    const links = await page.locator('.site-header nav a').allTextContents();
    expect(links).toEqual(['Serverless suite', 'Math', 'Mouse tracker', 'Palettes', 'Formulas', 'Weather', 'API docs']);
    if (path !== '/') expect(await page.getAttribute(`.site-header a[href="${path}"]`, 'aria-current')).toBe('page');
    expect(await overflow(page)).toEqual({ px: 0, culprits: [] });
  });
});

describe('Page: /docs/', () => {
  it('leaves Swagger UI its own button and text styles', async () => {
    const page = pages[0]!;
    await visit(page, '/docs/');
    await page.waitForSelector('#swagger-ui .models button');
    // The site fills its buttons with its accent colour; none of Swagger UI's may be (its <main> elements
    // included, the operations' and the schemas').
    const accent = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--accent'));
    const filled = await page.$$eval('#swagger-ui button', (buttons) =>
      buttons.map((b) => [b.className, getComputedStyle(b).backgroundColor]),
    );
    expect(filled.length).toBeGreaterThan(5);
    expect(filled.filter(([, background]) => background === 'rgb(47, 91, 211)')).toEqual([]);
    expect(accent.trim()).toBe('#2f5bd3');
    expect(await page.$eval('.swagger-ui .info .title', (el) => getComputedStyle(el).fontFamily)).toContain(
      'sans-serif',
    );
  });
});

describe('Every page under the Content-Security-Policy (model/security-headers.ts)', () => {
  it.each(PAGES)('%s loads and runs with the policy and no violation', async (path) => {
    const page = await openPage(suite.browser, DESKTOP);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text());
    });
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });

    const response = await page.goto(`${suite.sandbox.url}${path}`);
    await page.waitForSelector('.site-header nav');
    if (path === '/docs/') await page.waitForSelector('#swagger-ui .opblock');

    expect(response?.headers()['content-security-policy']).toMatch(
      /^default-src 'self'; script-src 'self'; style-src 'self';/,
    );
    expect(violations).toEqual([]);
    await page.close();
  });
});
