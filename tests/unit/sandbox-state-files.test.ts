// The event sources' state files outlast the sandbox with `persist`: a stream mapping's positions (what
// one run settled, the next reads, per mapping and shard) and the S3 notifications noted and not sent.
// An unreadable or missing file starts from nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotificationOutbox } from '#local/event-sources/notification-outbox.ts';
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

  it('hands the next run the S3 notifications noted and not crossed off', () => {
    const file = join(dir, 'outbox.json');
    const first = new NotificationOutbox(file);
    const sent = first.add({ bucket: 'b', key: 'imports/1.csv', queue: 'q' });
    first.add({ bucket: 'b', key: 'imports/2.csv', queue: 'q' });
    first.remove(sent);

    const next = new NotificationOutbox(file);

    expect(next.entries().map(([, n]) => n)).toEqual([{ bucket: 'b', key: 'imports/2.csv', queue: 'q' }]);
    expect(new NotificationOutbox(join(dir, 'none.json')).entries()).toEqual([]);
  });
});
