// `npm run smoke` is the command that verifies a deployment; here it runs, as is, against the sandbox,
// which splits paths between the UI and the API as the deployment's CloudFront distribution does.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';

const run = promisify(execFile);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox?.stop());

/** The smoke command's exit code and table; its stderr rides along so a failure says why. */
const smoke = async (...args: string[]): Promise<{ code: number; out: string }> => {
  // The running Node (22, from node_modules) with tsx as a loader, as `npm run smoke` runs it, without npx.
  const command = [process.execPath, ['--import', 'tsx', 'scripts/smoke.ts', '--url', sandbox.url, ...args]] as const;
  try {
    const { stdout } = await run(...command, { timeout: 180_000 });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
  }
};

describe('Script: npm run smoke', () => {
  it('passes every step against the sandbox with its API key', async () => {
    const { code, out } = await smoke('--api-key', sandbox.apiKey);

    expect(out).not.toContain('FAIL');
    expect(out).toMatch(/^weather +bulk import to done, exact counters +pass/m);
    for (const service of ['ui', 'math', 'mouse', 'palettes', 'formulas', 'weather'])
      expect(out).toMatch(new RegExp(`^${service} .* pass `, 'm'));
    expect(out).toMatch(/12 passed, 0 failed, 0 skipped/);
    expect(code).toBe(0);
  });

  // --api-only: an ApiUrl (CloudFront refused or not deployed yet) serves no pages.
  it('exits non-zero and names the failed step when one fails, and skips the pages with --api-only', async () => {
    const { code, out } = await smoke('--api-key', 'not-the-key', '--api-only');

    expect(out).toMatch(/^weather +bulk import to done, exact counters +FAIL .*expected 202, got 401/m);
    expect(out).toMatch(/^ui .* skip +--api-only/m);
    expect(out).toMatch(/10 passed, 1 failed, 1 skipped/);
    expect(code).toBe(1);
  });
});

describe('Sandbox: the UI/API path split (isUiPath), as in CloudFront', () => {
  it('serves a page path and its files from the UI, and the same prefix without a slash from the API', async () => {
    const get = (path: string) => fetch(`${sandbox.url}${path}`);
    const [page, script, list, missing] = await Promise.all([
      get('/formulas/'),
      get('/formulas/main.js'),
      get('/formulas?limit=1'),
      get('/formulas/nothing.js'),
    ]);

    expect(page.headers.get('content-type')).toContain('text/html');
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await list.json()).toMatchObject({ items: expect.any(Array) });
    expect(missing.status).toBe(404);
  });
});

describe('Sandbox: a page path without its slash (pageRedirects), as in CloudFront', () => {
  it('redirects /docs and /math to their pages, and leaves /formulas to the API', async () => {
    const get = (path: string, method = 'GET') => fetch(`${sandbox.url}${path}`, { method, redirect: 'manual' });
    const [docs, math, head, post, list] = await Promise.all([
      get('/docs'),
      get('/math?number=3'),
      get('/mouse', 'HEAD'),
      get('/docs', 'POST'),
      get('/formulas'),
    ]);

    expect([docs.status, docs.headers.get('location')]).toEqual([302, '/docs/']);
    expect([math.status, math.headers.get('location')]).toEqual([302, '/math/']);
    expect([head.status, head.headers.get('location')]).toEqual([302, '/mouse/']);
    expect(post.status).toBe(404);
    expect(list.status).toBe(200);
    const page = await fetch(`${sandbox.url}/docs`);
    expect([page.url.endsWith('/docs/'), page.headers.get('content-type')]).toEqual([true, 'text/html; charset=utf-8']);
  });
});
