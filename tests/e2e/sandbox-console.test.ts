// The sandbox console (/_sandbox/) in Chromium against a running sandbox: an invocation appears live and
// opens to its event, result and lines; a fault armed from the page fails the next invocation; a message
// dead-lettered by an armed fault is redriven from the page and processed; an item is found by its key and
// deleted after its table is named; a bucket's object is listed; all under the Content-Security-Policy.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, DESKTOP, openPage, overflow, PHONE, screenshot } from '../helpers/pages.ts';

// Dead-lettering takes the queue's five receives: short visibility timeouts keep that to seconds.
const suite = browserSuite({ visibilityTimeoutSeconds: 2 });
let page: Page;
/** Everything the browser reported: console errors, uncaught exceptions and policy violations. */
const problems: string[] = [];

beforeAll(async () => {
  page = await openPage(suite.browser, DESKTOP);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${suite.sandbox.url}/_sandbox/`);
  await page.waitForSelector('#invocation-count:text("of the last")');
});

const tab = async (name: string): Promise<void> => {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#${name}:not([hidden])`);
};

/** Arms a fault from the faults panel and waits until the panel lists it. */
const armFault = async (fn: string, kind: string, times: number): Promise<void> => {
  await tab('faults');
  await page.selectOption('#fault-function', fn);
  await page.selectOption('#fault-kind', kind);
  await page.fill('#fault-times', String(times));
  await page.click('#fault-form button[type=submit]');
  await page.waitForSelector(`#fault-rows tr[data-function="${fn}"][data-kind="${kind}"]`);
};

/** Types the name the dialog asks for and confirms. */
const confirmNamed = async (name: string): Promise<void> => {
  await page.waitForSelector('#confirm[open]');
  expect(await page.textContent('#confirm-name')).toBe(name);
  await page.fill('#confirm-input', name.slice(0, -1));
  expect(await page.isDisabled('#confirm-ok')).toBe(true);
  await page.fill('#confirm-input', name);
  await page.click('#confirm-ok');
};

describe('Page: /_sandbox/', () => {
  it('shows an invocation as it happens, and its event, result and log lines when chosen', async () => {
    const response = await fetch(`${suite.sandbox.url}/difference?number=10`);
    const correlationId = response.headers.get('apigw-requestid')!;

    const row = page.locator('#invocation-rows tr', { hasText: correlationId });
    await row.waitFor();
    await row.locator('button').click();
    await page.waitForSelector('#invocation-detail h2');

    expect(await row.getAttribute('data-outcome')).toBe('success');
    expect(await row.locator('td').nth(5).textContent()).toMatch(/^(cold \(init \d+ ms\)|warm)$/);
    expect(await page.textContent('#invocation-detail h2')).toBe('math-calculate · success');
    const blocks = await page.locator('#invocation-detail pre').allTextContents();
    expect(JSON.parse(blocks[0]!)).toMatchObject({
      rawPath: '/difference',
      requestContext: { requestId: correlationId },
    });
    expect(JSON.parse(blocks[1]!)).toMatchObject({ statusCode: 200 });
    await screenshot(page, 'sandbox-console');
  });

  it('moves between tabs with the arrow keys', async () => {
    await page.focus('#tab-invocations');
    await page.keyboard.press('ArrowRight');

    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-queues');
    expect(await page.isVisible('#queues')).toBe(true);
    expect(await page.isHidden('#invocations')).toBe(true);
  });

  it('arms a fault that fails the next invocation, and shows it until then', async () => {
    await armFault('math-calculate', 'throw', 1);

    const failed = await fetch(`${suite.sandbox.url}/difference?number=11`);
    await tab('invocations');
    await page.waitForSelector('#invocation-rows tr[data-outcome="crash"]');

    expect(failed.status).toBe(500);
    expect(await page.textContent('#invocation-rows tr[data-outcome="crash"]')).toContain('injected');
    await tab('faults');
    await page.waitForSelector('#fault-rows td:text("No fault is armed.")');
  });

  it('redrives a dead-lettered message to its queue, where it is processed', async () => {
    // Every delivery of the next five fails: the formula's message goes to the DLQ.
    await armFault('formulas-process', 'partial', 5);
    const created = await fetch(`${suite.sandbox.url}/formulas`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Console', materials: [{ name: `Neroli ${Date.now()}`, concentration: 2 }] }),
    }).then((r) => r.json() as Promise<{ id: string }>);

    await tab('queues');
    const formulas = page.locator('#queue-rows tr[data-queue="formulas"]');
    await formulas.locator('.dlq-count:text("1")').waitFor({ timeout: 60_000 });
    await formulas.locator('button:text("Dead letters")').click();
    await page.waitForSelector('#dlq-view .message');
    expect(await page.textContent('#dlq-view .message pre')).toContain(created.id);
    await formulas.locator('button:text("Redrive")').click();
    await confirmNamed('formulas');
    await page.waitForSelector('#dlq-view [role=status]');
    await suite.sandbox.idle();

    expect(await page.textContent('#dlq-view [role=status]')).toContain('Redrove 1 message(s) to formulas; 0 could');
    const formula = await fetch(`${suite.sandbox.url}/formulas/${created.id}`).then((r) => r.json());
    expect(formula).toMatchObject({ status: 'processed' });
  });

  it('finds an item by its key, shows it as JSON, and deletes it once the table is named', async () => {
    const { Items = [] } = await suite.sandbox.clients.dynamo.send(
      new QueryCommand({
        TableName: suite.sandbox.tableName('math-requests'),
        KeyConditionExpression: 'calculation = :c',
        ExpressionAttributeValues: { ':c': 'difference' },
      }),
    );
    const item = Items[0]!;

    await tab('tables');
    await page.click('#table-rows tr[data-table="math-requests"] button');
    await page.fill('#item-query [name=pk]', 'difference');
    await page.fill('#item-query [name=sk]', String(item.input_key));
    await page.click('#item-query button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('#item-rows tr').length === 1);
    await page.click('#item-rows button:text("View")');

    expect(JSON.parse((await page.textContent('#item-json pre'))!)).toEqual(item);
    await page.click('#item-rows button:text("Delete")');
    await confirmNamed('math-requests');
    await page.waitForSelector('#item-json [role=status]');
    await page.waitForFunction(() => document.querySelectorAll('#item-rows tr').length === 0);
  });

  it("lists a bucket's objects with their download links", async () => {
    const key = `console/${Date.now()}.csv`;
    await suite.sandbox.clients.s3.send(
      new PutObjectCommand({ Bucket: suite.sandbox.bucketName('weather-imports'), Key: key, Body: 'city\n' }),
    );

    await tab('buckets');
    await page.click('#bucket-rows tr[data-bucket="weather-imports"] button');
    const link = page.locator(`#objects-view tr[data-key="${key}"] a`);
    await link.waitFor();

    expect(await link.getAttribute('href')).toBe(`api/buckets/weather-imports/download?key=${encodeURIComponent(key)}`);
    expect(await page.textContent(`#objects-view tr[data-key="${key}"] td.num`)).toBe('5 B');
  });

  it('shows the metrics the functions emitted, and reported no error or policy violation', async () => {
    await tab('metrics');
    await page.waitForSelector('#metric-rows tr[data-metric]');

    expect(await page.locator('#metric-rows tr[data-metric]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('Page: /_sandbox/ next to the app', () => {
  it('is served with the same Content-Security-Policy as the app pages', async () => {
    const other = await openPage(suite.browser, DESKTOP);
    const response = await other.goto(`${suite.sandbox.url}/_sandbox/#faults`);

    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await other.isVisible('#faults')).toBe(true);
    await other.close();
  });

  it("fits a phone's screen on every panel: the tabs scroll sideways, a list's details come below it", async () => {
    const phone = await openPage(suite.browser, PHONE);
    await phone.goto(`${suite.sandbox.url}/_sandbox/`);
    const widths: Record<string, number> = {};
    for (const name of ['invocations', 'queues', 'tables', 'buckets', 'faults', 'metrics']) {
      await phone.click(`#tab-${name}`);
      await phone.waitForSelector(`#${name}:not([hidden])`);
      widths[name] = (await overflow(phone)).px;
    }
    await screenshot(phone, 'sandbox-console');

    expect(widths).toEqual({ invocations: 0, queues: 0, tables: 0, buckets: 0, faults: 0, metrics: 0 });
    await phone.close();
  });
});
