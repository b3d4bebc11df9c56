// docs/security.md lists every route with its credential: the table must say what the manifest does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { app } from '#app';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'security.md'), 'utf8');

describe('docs/security.md', () => {
  it('lists exactly the manifest’s routes, each with its auth mode', () => {
    const rows = [...doc.matchAll(/^\| (GET|POST|PUT|PATCH|DELETE) \| (\S+) \| (public|user|api-key) \|/gm)].map(
      ([, method, path, auth]) => `${method} ${path} ${auth}`,
    );
    const routes = app.routes.map((r) => `${r.method} ${r.path} ${r.contract.auth}`);
    expect(rows.sort()).toEqual(routes.sort());
  });
});
