import { describe, expect, it } from 'vitest';
import { batchBody } from '#functions/mouse/contracts.ts';

const events = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: 2 * i, t: 1_795_428_000_000 + i }));
const issues = (input: unknown) => {
  const result = batchBody.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('Function: batchBody.parse()', () => {
  it('accepts 1 and 500 events with equal or increasing t', () => {
    expect(issues({ seq: 0, events: events(1) })).toEqual([]);
    expect(issues({ seq: 7, events: events(500) })).toEqual([]);
    expect(
      issues({
        seq: 1,
        events: [
          { x: 1, y: 1, t: 5 },
          { x: 2, y: 2, t: 5 },
        ],
      }),
    ).toEqual([]);
  });

  it('rejects an event whose t is before the previous one, naming it', () => {
    expect(
      issues({
        seq: 0,
        events: [
          { x: 0, y: 0, t: 10 },
          { x: 1, y: 1, t: 11 },
          { x: 2, y: 2, t: 9 },
        ],
      }),
    ).toEqual(['events.2.t']);
  });

  it.each([
    ['no events', { seq: 0, events: [] }, 'events'],
    ['501 events', { seq: 0, events: events(501) }, 'events'],
    ['Infinity', { seq: 0, events: [{ x: Infinity, y: 0, t: 1 }] }, 'events.0.x'],
    ['NaN', { seq: 0, events: [{ x: 0, y: Number.NaN, t: 1 }] }, 'events.0.y'],
    ['a string coordinate', { seq: 0, events: [{ x: '1', y: 0, t: 1 }] }, 'events.0.x'],
    ['a negative time', { seq: 0, events: [{ x: 0, y: 0, t: -1 }] }, 'events.0.t'],
    ['an extra field', { seq: 0, events: [{ x: 0, y: 0, t: 1, z: 1 }] }, 'events.0'],
    ['a fractional seq', { seq: 1.5, events: events(1) }, 'seq'],
    ['a negative seq', { seq: -1, events: events(1) }, 'seq'],
  ])('rejects %s', (_, input, path) => {
    expect(issues(input)).toEqual([path]);
  });
});
