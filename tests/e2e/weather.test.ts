// The weather page in Chromium against the sandbox and the simulated provider: a lookup whose error
// replaces the previous result, a real import of data/cities-sample.csv followed by the progress bar to its
// summary and paginated results, a file over 4 MB PUT to its presigned URL (the sandbox's S3 answers the
// preflight), a failed import that stops the bar, and Clear history asked first.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeatherProvider, type SimulatedProvider } from '#local/companions/weather-provider.ts';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { DESKTOP, openPage, overflow, PHONE, screenshot } from '../helpers/pages.ts';

let sandbox: Sandbox;
let provider: SimulatedProvider;
let browser: Browser;
let page: Page;
const SAMPLE = readFileSync(new URL('../../data/cities-sample.csv', import.meta.url));

beforeAll(async () => {
  provider = await startWeatherProvider();
  [sandbox, browser] = await Promise.all([startSandbox({ port: 0, env: provider.env }), launchBrowser()]);
  page = await openPage(browser, DESKTOP);
  page.setDefaultTimeout(60_000);
  await page.goto(`${sandbox.url}/weather/`);
  await page.waitForSelector('#rows .empty:text("No lookups yet: look up a city above.")');
});

afterAll(async () => {
  await Promise.all([browser?.close(), sandbox?.stop()]);
  await provider?.stop();
});

const texts = (selector: string): Promise<string[]> => page.locator(selector).allTextContents();

const importFile = async (key: string, name: string, buffer: Buffer): Promise<void> => {
  await page.fill('#api-key', key);
  await page.setInputFiles('#bulk-file', { name, mimeType: 'text/csv', buffer });
  await page.click('#bulk-form button[type=submit]');
};

describe('Page: /weather/ lookup and history', () => {
  it('shows a lookup, then replaces it with the next one’s error', async () => {
    await page.fill('#city', 'Lisbon');
    await page.click('#weather-form button[type=submit]');
    await page.waitForSelector('#rows tr:not(.empty-row)');
    expect(await page.textContent('#result')).toMatch(
      /^Lisbon: -?\d+(\.\d)? °C, .+, humidity \d+ % \(observed .+, from .+\)$/,
    );

    await page.fill('#city', 'Minas Tirith');
    await page.click('#weather-form button[type=submit]');

    await page.waitForFunction(() => document.getElementById('error')?.textContent !== '');
    expect(await page.textContent('#error')).toBe("The weather provider knows no city named 'Minas Tirith'.");
    expect(await page.textContent('#result')).toBe('');
  });

  it('asks for the API key before clearing the history', async () => {
    await page.click('#clear');

    expect(await page.textContent('#history-error')).toBe(
      'Clearing the history takes the API key: enter it under Bulk import below.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('api-key');
    expect(await page.locator('#rows tr:not(.empty-row)').count()).toBe(1);
  });
});

describe('Page: /weather/ bulk import', () => {
  it('imports a CSV, follows the progress bar to done, then shows the summary and pages through the results', async () => {
    // Act
    await importFile(sandbox.apiKey, 'cities-sample.csv', SAMPLE);

    // Assess: the bar fills as the counters move, and the summary appears once the job is done.
    await page.waitForSelector('#bulk-job:not([hidden])');
    await page.waitForSelector('#bulk-summary:not([hidden])');
    expect(await page.textContent('#bulk-status')).toBe(
      'Done: 13 of 13 cities (11 succeeded, 2 failed, 3 rows rejected)',
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
    await screenshot(page, 'weather-bulk');

    // At a phone's width the tables scroll inside their boxes; the page itself does not.
    await page.setViewportSize(PHONE);
    await screenshot(page, 'weather-bulk');
    expect(await overflow(page)).toEqual({ px: 0, culprits: [] });
    await page.setViewportSize(DESKTOP);
  });

  it('says the job waits while the provider is down, then finishes it', async () => {
    // Places the earlier import did not cache, so the provider is asked.
    provider.set({ down: true });
    try {
      await importFile(sandbox.apiKey, 'outage.csv', Buffer.from('city\nKyoto\nMontevideo\nNairobi\n'));

      await page.waitForSelector('#bulk-outlook:text("Waiting for the weather provider to answer again.")');
      await screenshot(page, 'weather-bulk-waiting');
    } finally {
      provider.set({ down: false });
    }

    await page.waitForSelector('#bulk-summary:not([hidden])');
    expect(await page.textContent('#bulk-status')).toBe('Done: 3 of 3 cities (3 succeeded, 0 failed, 0 rows rejected)');
    expect(await page.textContent('#bulk-outlook')).toBe('');
  });

  it('uploads a file over 4 MB to the presigned URL, answered by the sandbox S3 as by the bucket in AWS (CORS)', async () => {
    // 4 cities, each on 10 rows whose ignored note column makes the file just over the 4 MB POST limit.
    const note = 'x'.repeat(110_000);
    const rows = ['Porto', 'Coimbra', 'Braga', 'Faro'].flatMap((city) => Array.from({ length: 10 }, () => city));
    const csv = Buffer.from(`city,note\n${rows.map((city) => `${city},${note}`).join('\n')}\n`);
    expect(csv.length).toBeGreaterThan(4 * 1024 * 1024);
    const put = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('X-Amz-Signature='));

    await importFile(sandbox.apiKey, 'large.csv', csv);

    expect((await put).status()).toBe(200);
    await page.waitForSelector('#bulk-summary:not([hidden])');
    expect(await page.textContent('#bulk-status')).toBe('Done: 4 of 4 cities (4 succeeded, 0 failed, 0 rows rejected)');
  });

  it('stops the progress bar and says why when the job fails', async () => {
    await importFile(sandbox.apiKey, 'no-city.csv', Buffer.from('town\nLisbon\n'));

    await page.waitForSelector('#bulk-progress.failed');
    expect(await page.textContent('#bulk-error')).toBe("The import failed: The header has no 'city' column: town.");
    expect(await page.textContent('#bulk-status')).toMatch(/^Failed: /);
    expect(await page.getAttribute('#bulk-progress', 'value')).not.toBeNull();
    expect(await page.isHidden('#bulk-summary')).toBe(true);
  });

  it('shows a wrong key’s error beside the key', async () => {
    await importFile('wrong-key', 'cities-sample.csv', SAMPLE);

    await page.waitForSelector('#api-key-error');
    expect(await page.textContent('#api-key-error')).toBe('Invalid API key.');
    expect(await page.isHidden('#bulk-job')).toBe(true);
  });

  it('clears the history only once asked', async () => {
    await page.fill('#api-key', sandbox.apiKey);
    const dialog = page.getByRole('dialog');
    await page.click('#clear');
    expect(await dialog.getByRole('heading').textContent()).toBe('Clear the whole history?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.locator('#rows tr:not(.empty-row)').count()).toBe(1);

    await page.click('#clear');
    await dialog.getByRole('button', { name: 'Clear history' }).click();

    await page.waitForSelector('#rows .empty:text("No lookups yet: look up a city above.")');
    const left = await fetch(`${sandbox.url}/history?limit=5`).then((r) => r.json());
    expect(left).toMatchObject({ items: [] });
  });
});
