// Each test file's temporary files in a directory of its own, removed after the file. CDK apps without an
// outdir (most synths in tests) write a ~24 MB cdk.outXXXX directory under os.tmpdir() and never remove it:
// without this, every `npm test` left about a gigabyte behind. os.tmpdir() reads TMPDIR at each call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const original = process.env.TMPDIR;
const dir = mkdtempSync(join(tmpdir(), 'vitest-'));
process.env.TMPDIR = dir;

afterAll(() => {
  // Integration files share one process, one after another: the next file starts from the original again.
  if (original === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = original;
  rmSync(dir, { recursive: true, force: true });
});
