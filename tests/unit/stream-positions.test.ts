// A stream mapping's positions outlast the sandbox with `persist`: what one run settled, the next reads,
// per mapping and shard; an unreadable or missing file starts every mapping from its starting position.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamPositions } from '#local/event-sources/stream-positions.ts';

const dir = mkdtempSync(join(tmpdir(), 'stream-positions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Sandbox: stream positions', () => {
  it('keeps the last settled record per mapping and shard for the next run', () => {
    const file = join(dir, 'kept.json');
    const first = new StreamPositions(file);
    first.set('relay arn:1', 'shard-a', '100');
    first.set('relay arn:1', 'shard-a', '200');
    first.set('relay arn:1', 'shard-b', '300');
    first.set('other arn:2', 'shard-a', '400');

    const next = new StreamPositions(file);

    expect(next.get('relay arn:1', 'shard-a')).toBe('200');
    expect(next.get('relay arn:1', 'shard-b')).toBe('300');
    expect(next.get('other arn:2', 'shard-a')).toBe('400');
    expect(next.get('relay arn:1', 'shard-c')).toBeUndefined();
  });

  it('starts with no positions from a missing or unreadable file, and keeps none without one', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"relay arn:1": {"shard-a"');

    expect(new StreamPositions(join(dir, 'missing.json')).get('relay arn:1', 'shard-a')).toBeUndefined();
    expect(new StreamPositions(broken).get('relay arn:1', 'shard-a')).toBeUndefined();
    const inMemory = new StreamPositions();
    inMemory.set('relay arn:1', 'shard-a', '1');
    expect(inMemory.get('relay arn:1', 'shard-a')).toBe('1');
  });
});
