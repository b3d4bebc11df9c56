// The mouse tracker page in Chromium against the sandbox: real pointer events, the whole pipeline, the chart.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { overflow, PHONE, screenshot } from '../helpers/pages.ts';

let sandbox: Sandbox;
let browser: Browser;
let page: Page;

type Step = readonly [x: number, y: number, steps: number];

/** Moves the mouse through `path` (each leg in `steps` moves) and returns the path's length in px. */
const walk = async (from: readonly [number, number], path: readonly Step[]): Promise<number> => {
  let [x0, y0] = from;
  let length = 0;
  for (const [x, y, steps] of path) {
    await page.mouse.move(x, y, { steps });
    length += Math.hypot(x - x0, y - y0);
    [x0, y0] = [x, y];
  }
  return length;
};

const shownDistance = async (): Promise<number> =>
  Number(await page.locator('#total-distance').getAttribute('data-value'));

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(`${sandbox.url}/mouse/`);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('Mouse tracker page', () => {
  it('charts the pointer path and shows its total distance within 2%', async () => {
    // Prepare: the pad's top-left corner, and a first leg that also warms the functions up.
    const box = (await page.locator('#pad').boundingBox())!;
    const start = [box.x + 20, box.y + 20] as const;
    expect(await page.isVisible('#chart-empty')).toBe(true);
    await page.mouse.move(...start);
    const warmUp = await walk(start, [[box.x + 220, box.y + 20, 20]]);
    await expect.poll(shownDistance, { timeout: 30_000 }).toBeGreaterThan(warmUp * 0.98);

    // Act: a rectangle-and-diagonal path of known length from where the warm-up ended.
    const path: Step[] = [
      [box.x + 620, box.y + 20, 40],
      [box.x + 620, box.y + 280, 26],
      [box.x + 20, box.y + 280, 60],
      [box.x + 320, box.y + 80, 25],
    ];
    const length = warmUp + (await walk([box.x + 220, box.y + 20], path));

    // Assess (how fast the point arrives is the bench's to measure: `npm run bench:mouse`, page-like)
    await expect.poll(shownDistance, { timeout: 15_000, interval: 50 }).toBeGreaterThan(length * 0.98);
    const distance = await shownDistance();
    expect(Math.abs(distance - length) / length).toBeLessThan(0.02);
    expect(Number(await page.locator('#chart').getAttribute('data-points'))).toBeGreaterThan(1);
    expect(await page.locator('#chart canvas').count()).toBeGreaterThan(0);
    expect(await page.isHidden('#chart-empty')).toBe(true);
    await screenshot(page, 'mouse-charted');
    expect(await page.locator('#dropped').textContent()).toBe('0');
    for (const id of ['skipped-batches', 'late-batches', 'pending-batches'])
      expect(await page.locator(`#${id}`).textContent()).toBe('0');
  });

  it('shows batches waiting behind a gap, the gap passed over, and the page’s own batches then late', async () => {
    // Prepare: another client posts far ahead in the page's session, leaving a gap before its batch.
    const session = (await page.locator('#session-id').textContent())!;
    const shown = (id: string) => async () => Number(await page.locator(`#${id}`).getAttribute('data-value'));
    // The page may still be flushing the first test's last moves: wait until every batch it sent is
    // aggregated and nothing is buffered, so the gap below is exactly 10 seqs wide.
    const idle = async () =>
      (await shown('buffered')()) === 0 && (await shown('total-batches')()) === (await shown('sent-batches')());
    await expect.poll(idle, { timeout: 10_000 }).toBe(true);
    const sentBatches = await shown('sent-batches')();
    const ahead = sentBatches + 10;
    const response = await fetch(`${sandbox.url}/mouse/sessions/${session}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seq: ahead, events: [{ x: 1, y: 1, t: Date.now() }] }),
    });
    expect(response.status).toBe(202);

    // Assess: it waits, then (after the lateness bound) the gap is passed and the batch applied.
    await expect.poll(shown('pending-batches'), { timeout: 10_000 }).toBe(1);
    await expect.poll(shown('skipped-batches'), { timeout: 30_000 }).toBe(ahead - sentBatches);
    expect(await shown('pending-batches')()).toBe(0);

    // Act: the page's next batches carry seqs below the passed gap's end.
    const box = (await page.locator('#pad').boundingBox())!;
    await walk([box.x + 320, box.y + 80], [[box.x + 100, box.y + 100, 10]]);

    // Assess
    await expect.poll(shown('late-batches'), { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('fits a phone screen, chart included', async () => {
    await page.setViewportSize(PHONE);
    await expect
      .poll(() =>
        page
          .locator('#chart canvas')
          .first()
          .evaluate((c) => c.clientWidth),
      )
      .toBeLessThan(390);
    await screenshot(page, 'mouse-charted');
    expect(await overflow(page)).toEqual({ px: 0, culprits: [] });
  });
});
