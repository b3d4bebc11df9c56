// The concurrency budget on its own (model/concurrency.ts): what the stack's mappings and the sandbox's
// pollers both read. The app's own numbers are asserted on the templates (tests/infra/deploy.test.ts).
import { describe, expect, it } from 'vitest';
import { concurrencyBudget, ceilingOf } from '#model/concurrency.ts';
import type { TriggerDef } from '#model/manifest.ts';

const sqs = (fn: string, queue: string, maxConcurrency?: number): TriggerDef => ({
  function: fn,
  source: { type: 'sqs', queue },
  batchSize: 10,
  reportBatchItemFailures: true,
  ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
});
const stream: TriggerDef = {
  function: 'relay',
  source: { type: 'dynamodb-stream', table: 'items' },
  batchSize: 100,
  startingPosition: 'TRIM_HORIZON',
  retryAttempts: 2,
  reportBatchItemFailures: true,
};

describe('Function: concurrencyBudget()', () => {
  it("gives each of a function's queues its own ceiling, under that trigger's bound", () => {
    const triggers = [sqs('probe', 'slow', 2), sqs('probe', 'fast'), stream];

    const budget = concurrencyBudget(triggers, new Map(), 1000);

    expect(triggers.map((t) => ceilingOf(budget, t))).toEqual([2, 166, 10]);
  });

  it('keeps the SQS floor of 2 and a stream factor of 1 when half the quota is less', () => {
    const triggers = [sqs('a', 'qa'), sqs('b', 'qb'), stream];

    const budget = concurrencyBudget(
      triggers,
      new Map([
        ['a', 's1'],
        ['b', 's2'],
        ['relay', 's2'],
      ]),
      4,
    );

    expect(triggers.map((t) => ceilingOf(budget, t))).toEqual([2, 2, 1]);
    expect(budget).toMatchObject({
      consumersWorstCase: 5,
      apiKeepsWhenOneServiceIsBusy: 1,
      apiKeepsWhenAllAreBusy: -1,
    });
  });

  it('refuses a trigger the budget was not made for', () => {
    const budget = concurrencyBudget([sqs('a', 'qa')], new Map(), 10);

    expect(() => ceilingOf(budget, sqs('a', 'other'))).toThrow("No ceiling for 'a' reading 'other'");
  });
});
