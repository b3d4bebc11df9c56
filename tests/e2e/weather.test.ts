// The weather page's bulk import panel in Chromium against the sandbox and the simulated
// provider: a real import of data/cities-sample.csv, followed by the progress bar to its summary and
// its paginated results.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { launchBrowser } from '../helpers/browser.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;
let browser: Browser;
let page: Page;
const SAMPLE = readFileSync(new URL('../../data/cities-sample.csv', import.meta.url));

beforeAll(async () => {
  provider = await startWeatherProvider();
  [sandbox, browser] = await Promise.all([startSandbox({ port: 0, env: provider.env }), launchBrowser()]);
  page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${sandbox.url}/weather/`);
});

afterAll(async () => {
  await Promise.all([browser?.close(), sandbox?.stop()]);
  await provider?.stop();
});

const texts = (selector: string): Promise<string[]> => page.locator(selector).allTextContents();

describe('Page: /weather/ bulk import', () => {
  it('imports a CSV, follows the progress bar to done, then shows the summary and pages through the results', async () => {
    // Act
    await page.fill('#api-key', sandbox.apiKey);
    await page.setInputFiles('#bulk-file', { name: 'cities-sample.csv', mimeType: 'text/csv', buffer: SAMPLE });
    await page.click('#bulk-form button[type=submit]');

    // Assess: the bar fills as the counters move, and the summary appears once the job is done.
    await page.waitForSelector('#bulk-job:not([hidden])');
    await page.waitForSelector('#bulk-summary:not([hidden])');
    expect(await page.textContent('#bulk-status')).toBe(
      'done: 13 of 13 cities (11 succeeded, 2 failed, 3 rows rejected)',
    );
    expect(await page.getAttribute('#bulk-progress', 'value')).toBe('1');
    expect(await texts('#bulk-failures li')).toEqual(['city_not_found: 2']);
    expect((await texts('#bulk-rejected tr td:nth-child(2)')).sort()).toEqual([
      'invalid_characters',
      'invalid_characters',
      'missing_city',
    ]);
    expect(await page.locator('#bulk-recent tr').count()).toBe(10);

    // Results come 10 to a page, by city; "Load more" brings the rest and then hides.
    expect(await page.locator('#bulk-results tr').count()).toBe(10);
    await page.click('#bulk-more');
    await page.waitForFunction(() => document.querySelectorAll('#bulk-results tr').length === 13);
    expect(await page.isHidden('#bulk-more')).toBe(true);
    expect(await texts('#bulk-results tr td:first-child')).toContain('100 Mile House');

    // The failed filter shows the two places no gazetteer knows.
    await page.selectOption('#bulk-filter', 'failed');
    await page.waitForFunction(() => document.querySelectorAll('#bulk-results tr').length === 2);
    expect((await texts('#bulk-results tr td:first-child')).sort()).toEqual(['Minas Tirith', 'Qzxqzx Nowhere 1764']);
    expect(await texts('#bulk-results tr td:last-child')).toEqual(['city_not_found', 'city_not_found']);
  });

  it('shows the API error inline for a wrong key', async () => {
    await page.fill('#api-key', 'wrong-key');
    await page.setInputFiles('#bulk-file', { name: 'cities-sample.csv', mimeType: 'text/csv', buffer: SAMPLE });
    await page.click('#bulk-form button[type=submit]');

    await page.waitForFunction(() => document.getElementById('bulk-error')?.textContent !== '');
    expect(await page.textContent('#bulk-error')).toBe('Invalid API key. (invalid_api_key)');
  });
});
