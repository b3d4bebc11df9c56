// The math page in Chromium against the sandbox: the result line and the table (numbers and dates in the
// reader's locale), errors beside the field they concern with the old result gone, the triplets forms, and a
// phone-sized screen.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, openPage, overflow, PHONE, screenshot } from '../helpers/pages.ts';

const suite = browserSuite();
let page: Page;

/** The table row of `n` as cell texts, once its occurrences column reads `occurrences`. */
const rowOnceCounted = async (n: number, occurrences: number): Promise<string[]> => {
  const cells = `tr[data-number="${n}"] td`;
  await page.waitForFunction(([selector, count]) => document.querySelectorAll(selector)[2]?.textContent === count, [
    cells,
    String(occurrences),
  ] as const);
  return page.locator(cells).allTextContents();
};

const submit = async (value: string): Promise<void> => {
  await page.fill('#number', value);
  await page.click('#difference-form button[type=submit]');
};

beforeAll(async () => {
  page = await openPage(suite.browser, DESKTOP);
  await page.goto(`${suite.sandbox.url}/math/`);
  await page.waitForSelector('#rows .empty:text("No requests yet: calculate one above.")');
});

describe('Page: /math/', () => {
  it('shows the result and adds a row, then counts the next query in that row', async () => {
    // Act
    await submit('10');
    const first = await rowOnceCounted(10, 1);
    const firstAt = await page.getAttribute('tr[data-number="10"] time', 'datetime');
    await submit('10');
    const second = await rowOnceCounted(10, 2);

    // Assess: the packaged Chromium reports `en-US@posix`, read as en-US.
    expect(await page.textContent('#result')).toBe('n = 10: 2,640 (requested 2 times)');
    expect(first.slice(0, 3)).toEqual(['10', '2,640', '1']);
    expect(second.slice(0, 3)).toEqual(['10', '2,640', '2']);
    const secondAt = (await page.getAttribute('tr[data-number="10"] time', 'datetime'))!;
    expect(new Date(secondAt).toISOString()).toBe(secondAt);
    expect(secondAt > firstAt!).toBe(true);
    expect(second[3]).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s[AP]M$/);
    expect(await page.textContent('#error')).toBe('');
  });

  it('shows the API error beside the field, the previous result gone', async () => {
    // `1e2` is a valid <input type=number> value (100), yet not an integer literal.
    await submit('1e2');

    await page.waitForSelector('#number-error');
    expect(await page.textContent('#number-error')).toBe('must be an integer');
    expect(await page.getAttribute('#number', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#result')).toBe('');
    expect(await page.locator('tr[data-number="100"]').count()).toBe(0);
  });

  it('finds the triplets by their sum and checks three sides', async () => {
    await page.fill('#sum', '12');
    await page.click('#sum-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('triplet-result')?.textContent !== '');
    expect(await page.textContent('#triplet-result')).toBe('a + b + c = 12: 3² + 4² = 5² (product of the first: 60)');

    await page.fill('#side-a', '5');
    await page.fill('#side-b', '3');
    await page.click('#check-form button[type=submit]');
    expect(await page.textContent('#side-c-error')).toBe('Enter a whole number from 1 to 1,000.');
    expect(await page.textContent('#triplet-result')).toBe('');

    await page.fill('#side-c', '4');
    await page.click('#check-form button[type=submit]');
    await page.waitForFunction(() => document.getElementById('triplet-result')?.textContent !== '');
    expect(await page.textContent('#triplet-result')).toBe(
      '5, 3, 4 is a Pythagorean triplet: 3² + 4² = 5² (product 60).',
    );
    expect(await page.locator('#side-c-error').count()).toBe(0);
  });

  it('fits a phone screen with the table filled', async () => {
    await page.setViewportSize(PHONE);
    await screenshot(page, 'math-filled');
    expect(await overflow(page)).toEqual({ px: 0, culprits: [] });
  });
});
