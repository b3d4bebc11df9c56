// The palettes page in Chromium against the sandbox: sign up, a team, palettes; one palette per double
// click, errors beside the field they concern, named swatches, and Delete and Leave asked first (leaving as
// the last member saying that the team's palettes go too); then the same account on a phone.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, openPage, overflow, PHONE, screenshot } from '../helpers/pages.ts';

const suite = browserSuite();
let page: Page;
const username = `e2e-${randomUUID().slice(0, 8)}`;
const password = 'correct horse battery';

beforeAll(async () => {
  page = await openPage(suite.browser, DESKTOP);
});

const signIn = async (p: Page, button: 'Sign up' | 'Sign in'): Promise<void> => {
  await p.goto(`${suite.sandbox.url}/palettes/`);
  await p.fill('#username', username);
  await p.fill('#password', password);
  await p.getByRole('button', { name: button, exact: true }).click();
  await p.waitForSelector('#signed-in:not([hidden])');
};

/** The rows of the palettes list, by name. */
const paletteNames = (p: Page): Promise<string[]> => p.locator('.palette strong').allTextContents();

/** Clicks `button` and answers the confirmation dialog it opens; returns the dialog's heading and text. */
const confirm = async (button: string, answer: 'Cancel' | string): Promise<string[]> => {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  const said = [await dialog.getByRole('heading').textContent(), await dialog.locator('p').textContent()];
  await dialog.getByRole('button', { name: answer, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  return said as string[];
};

describe('Page: /palettes/', () => {
  it('makes one palette of a double click, with swatches named by their hex codes', async () => {
    await signIn(page, 'Sign up');
    await page.fill('#team-name', 'Studio');
    await page.click('#team-form button');
    await page.waitForSelector('.team:has-text("Studio")');

    // Act
    await page.selectOption('#palette-team', { label: 'Studio' });
    await page.fill('#palette-name', 'Sea');
    await page.fill('#palette-colors', '#1E90FF, #ffd700 #333');
    await page.dblclick('#palette-form button[type=submit]');

    // Assess: the form is free again once the palette is listed, and there is only one.
    await page.waitForSelector('.palette:has-text("Sea")');
    await page.waitForSelector('#palette-form:not([aria-busy])');
    expect(await paletteNames(page)).toEqual(['Sea']);
    const swatches = page.getByRole('list', { name: 'Colours of Sea' }).getByRole('img');
    expect(await swatches.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual([
      '#1e90ff',
      '#ffd700',
      '#333333',
    ]);
    expect(await page.textContent('.palette code')).toBe('#1e90ff #ffd700 #333333');
    expect(await page.inputValue('#palette-name')).toBe('');
    expect(await page.$eval('#palette-team', (s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe('Studio');
    await screenshot(page, 'palettes-signed-in');
  });

  it('shows a refused colour beside the colours field, by its place in the list', async () => {
    await page.fill('#palette-name', 'Broken');
    await page.fill('#palette-colors', '#fff, #12345');
    await page.click('#palette-form button[type=submit]');

    const error = page.locator('#palette-colors-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Colour 2 (#12345): must be a #RGB or #RRGGBB hex colour');
    expect(await page.getAttribute('#palette-colors', 'aria-invalid')).toBe('true');
    expect(await page.textContent('#session-error')).toBe('');
    expect(await paletteNames(page)).toEqual(['Sea']);
  });

  it('deletes a palette only once asked, naming it', async () => {
    expect(await confirm('Delete palette Sea', 'Cancel')).toEqual([
      'Delete “Sea”?',
      'It is removed for everyone in “Studio”. This cannot be undone.',
    ]);
    expect(await paletteNames(page)).toEqual(['Sea']);

    await confirm('Delete palette Sea', 'Delete palette');

    await page.waitForSelector('.palette:has-text("Sea")', { state: 'detached' });
    expect(await page.textContent('#palettes')).toBe('No palettes yet: create one above.');
  });

  it('says that leaving as the last member deletes the team and its palettes, and leaves only once confirmed', async () => {
    await page.selectOption('#palette-team', { label: 'Studio' });
    await page.fill('#palette-name', 'Dusk');
    await page.fill('#palette-colors', '#123, #456');
    await page.click('#palette-form button[type=submit]');
    await page.waitForSelector('.palette:has-text("Dusk")');

    const [title, text] = await confirm('Leave team Studio', 'Cancel');
    expect(title).toBe('Leave “Studio”?');
    expect(text).toBe('You are the last member of “Studio”: leaving deletes the team and its 1 palette for good.');
    expect(await page.locator('.team').count()).toBe(2);

    await confirm('Leave team Studio', 'Leave team');

    await page.waitForSelector('.team:has-text("Studio")', { state: 'detached' });
    expect(await paletteNames(page)).toEqual([]);
  });

  it('fits a phone screen, signed in with a long-named palette, and signs out only once asked', async () => {
    const phone = await openPage(suite.browser, PHONE);
    await signIn(phone, 'Sign in');
    await phone.fill('#palette-name', 'A palette with a rather long name for a small screen');
    await phone.fill('#palette-colors', '#000, #111, #222, #333, #444, #555, #666, #777, #888, #999, #aaa, #bbb');
    await phone.click('#palette-form button[type=submit]');
    await phone.waitForSelector('.palette');

    await screenshot(phone, 'palettes-signed-in');
    expect(await overflow(phone)).toEqual({ px: 0, culprits: [] });

    await phone.getByRole('button', { name: 'Sign out', exact: true }).click();
    await screenshot(phone, 'palettes-confirm');
    await phone.getByRole('dialog').getByRole('button', { name: 'Sign out', exact: true }).click();
    await phone.waitForSelector('#signed-out:not([hidden])');
  });
});
