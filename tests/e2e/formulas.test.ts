// The formulas page in Chromium against the sandbox: lines anyone could read two ways are refused by line
// number before anything is sent, and an accepted formula is followed until the processor has published it.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, openPage, overflow, PHONE, screenshot } from '../helpers/pages.ts';

const suite = browserSuite();
let page: Page;

beforeAll(async () => {
  page = await openPage(suite.browser, DESKTOP);
  await page.goto(`${suite.sandbox.url}/formulas/`);
  await page.waitForSelector('#rows .empty:text("No formulas yet: submit one above.")');
});

const submit = async (p: Page, name: string, materials: string): Promise<void> => {
  await p.fill('#name', name);
  await p.fill('#materials', materials);
  await p.click('#formula-form button[type=submit]');
};

describe('Page: /formulas/', () => {
  it('refuses a decimal comma and a % sign by line number, sending nothing', async () => {
    await submit(page, 'Ambiguous', 'Ambroxan, 2,5\n\nVanilla, 10%');

    await page.waitForSelector('#materials-error');
    expect(await page.textContent('#materials-error')).toBe(
      'Line 1: a comma between digits looks like a decimal comma; write the decimal point (2.5).\n' +
        'Line 3: leave out the % sign (concentrations are already percentages).',
    );
    expect(await page.getAttribute('#materials', 'aria-invalid')).toBe('true');
    const listed = await fetch(`${suite.sandbox.url}/formulas?limit=5`).then((r) => r.json());
    expect(listed).toMatchObject({ items: [] });
  });

  it('follows an accepted formula until it is processed, in the message and the table', async () => {
    await submit(page, 'Summer Breeze', 'Bergamot Oil, 15.5\nVanilla, 3.25');

    await page.waitForFunction(() => / is processed \(id /.test(document.getElementById('result')?.textContent ?? ''), {
      timeout: 30_000,
    });
    expect(await page.locator('#materials-error').count()).toBe(0);
    const cells = await page.locator('#rows tr:first-child td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Summer Breeze', 'Bergamot Oil 15.5%, Vanilla 3.25%', '18.75', 'processed']);
    await screenshot(page, 'formulas-processed');
  });

  it('fits a phone screen with the table filled', async () => {
    const phone = await openPage(suite.browser, PHONE);
    await phone.goto(`${suite.sandbox.url}/formulas/`);
    await phone.waitForSelector('#rows tr[data-id]');
    await submit(phone, 'Broken', 'Ambroxan, 2,5');
    await phone.waitForSelector('#materials-error');

    await screenshot(phone, 'formulas-errors');
    expect(await overflow(phone)).toEqual({ px: 0, culprits: [] });
  });
});
