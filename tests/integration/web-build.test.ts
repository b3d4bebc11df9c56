// Builds of the UI that run at once never break one another or what a running sandbox serves: the sandbox
// serves a build of its own, and web/build.ts renames a whole build into place instead of writing in it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '#local/index.ts';
import { buildWeb, WEB_DIST } from '../../web/build.ts';

const run = promisify(execFile);

let sandbox: Sandbox;
let scratch: string;

beforeAll(async () => {
  [sandbox, scratch] = await Promise.all([startSandbox({ port: 0 }), mkdtemp(join(tmpdir(), 'web-build-test-'))]);
});
afterAll(async () => {
  await sandbox?.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** Every file under `dir`, as paths relative to it. */
const filesOf = async (dir: string): Promise<string[]> =>
  (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();

// Source maps name the sources relative to the folder they were built in, so only their mappings compare.
const comparable = (file: string, bytes: Buffer): unknown =>
  file.endsWith('.map') ? (JSON.parse(bytes.toString('utf8')) as { mappings: string }).mappings : bytes;

describe('Script: web/build.ts, several builds at once beside a running sandbox', () => {
  it('leaves every target whole and the sandbox serving every page and asset whole', async () => {
    // Prepare: one build alone, the reference.
    const reference = join(scratch, 'reference');
    await buildWeb(reference);
    const files = await filesOf(reference);
    const shared = join(scratch, 'shared');

    // Act: `npm run build:web` in another process, two builds into web/dist and two into one other folder.
    await Promise.all([
      run(process.execPath, ['--import', 'tsx', 'web/build.ts'], { timeout: 120_000 }),
      buildWeb(),
      buildWeb(WEB_DIST),
      buildWeb(shared),
      buildWeb(shared),
    ]);

    // Assess: each target holds exactly the reference's files, byte for byte, and no build folder is left.
    for (const target of [WEB_DIST, shared]) {
      expect(await filesOf(target), target).toEqual(files);
      for (const file of files) {
        const [built, expected] = await Promise.all([readFile(join(target, file)), readFile(join(reference, file))]);
        expect(comparable(file, built), `${target}: ${file}`).toEqual(comparable(file, expected));
      }
      const siblings = await readdir(dirname(target));
      expect(
        siblings.filter((s) => s.startsWith(`${basename(target)}.`)),
        target,
      ).toEqual([]);
    }
    expect(files).toEqual(expect.arrayContaining(['index.html', 'math/index.html', 'docs/swagger-ui-bundle.js']));
    for (const file of files.filter((f) => !f.endsWith('.map'))) {
      const response = await fetch(`${sandbox.url}/${file}`);
      const body = Buffer.from(await response.arrayBuffer());
      expect([response.status, body.equals(await readFile(join(reference, file)))], file).toEqual([200, true]);
    }
  });

  it('serves a build of its own, removed at stop', async () => {
    const other = await startSandbox({ port: 0 });
    const own = other.webRoot!;
    const servedWhileUp = existsSync(join(own, 'index.html'));
    await other.stop();

    expect([own, sandbox.webRoot].every((dir) => !dir!.startsWith(dirname(WEB_DIST)))).toBe(true);
    expect(own).not.toBe(sandbox.webRoot);
    expect([servedWhileUp, existsSync(own)]).toEqual([true, false]);
  });
});
