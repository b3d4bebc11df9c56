// The math page in Chromium against the sandbox: the form, the result line, the table and
// an error from the API shown inline.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { launchBrowser } from '../helpers/browser.ts';

let sandbox: Sandbox;
let browser: Browser;
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
  await page.click('button[type=submit]');
};

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startSandbox({ port: 0 }), launchBrowser()]);
  page = await browser.newPage();
  page.setDefaultTimeout(5_000);
  await page.goto(`${sandbox.url}/math/`);
});

afterAll(async () => {
  await Promise.all([browser?.close(), sandbox?.stop()]);
});

describe('Page: /math/', () => {
  it('shows the result and adds a row, then counts the next query in that row', async () => {
    // Act
    await submit('10');
    const first = await rowOnceCounted(10, 1);
    await submit('10');
    const second = await rowOnceCounted(10, 2);

    // Assess
    expect(await page.textContent('#result')).toBe('n = 10: 2640 (requested 2 times)');
    expect(first.slice(0, 3)).toEqual(['10', '2640', '1']);
    expect(second.slice(0, 3)).toEqual(['10', '2640', '2']);
    expect(new Date(second[3]!).toISOString()).toBe(second[3]);
    expect(second[3]! > first[3]!).toBe(true);
    expect(await page.textContent('#error')).toBe('');
  });

  it('shows the API error inline for an input the browser accepts but the API does not', async () => {
    // `1e2` is a valid <input type=number> value (100), yet not an integer literal.
    await submit('1e2');

    await page.waitForFunction(() => document.getElementById('error')?.textContent !== '');
    expect(await page.textContent('#error')).toBe('query.number: must be an integer (validation_error)');
    expect(await page.locator('tr[data-number="100"]').count()).toBe(0);
  });
});
