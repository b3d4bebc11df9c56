// The account's Lambda concurrency quota, shared by every function of the region: the API's functions
// take it per request, the asynchronous consumers (event source mappings) per batch in flight. A
// backlog must never take it all, or users get 5xx and throttled receives push messages toward their
// DLQs. Reserved concurrency cannot draw the line on a new account (Lambda keeps 10 unreserved, the
// whole quota of 10), so each consumer gets a ceiling of its own from one number, the quota
// (`-c accountConcurrency=`), and the API keeps the rest. docs/deploying.md tabulates it.
import type { FunctionDef, Throttle, TriggerDef } from './manifest.ts';

/** A new account's quota (it rises with use, or on request: docs/deploying.md). */
export const DEFAULT_ACCOUNT_CONCURRENCY = 10;
/** SQS mappings accept a MaximumConcurrency of 2 to 1000. */
export const SQS_CONCURRENCY = { min: 2, max: 1000 } as const;
/** A stream mapping runs one batch per shard at a time times its ParallelizationFactor (1 to 10). */
export const STREAM_PARALLELIZATION = { min: 1, max: 10 } as const;

export interface ConsumerCeiling {
  readonly function: string;
  /** The queue or table it reads (a function may consume several). */
  readonly source: string;
  readonly service: string | undefined;
  readonly kind: 'sqs' | 'dynamodb-stream';
  /** SQS: the mapping's MaximumConcurrency. Stream: its ParallelizationFactor (concurrent batches per shard). */
  readonly ceiling: number;
}

export interface ConcurrencyBudget {
  readonly quota: number;
  /** What the consumers may take together, by design: half the quota. */
  readonly consumerPool: number;
  readonly consumers: readonly ConsumerCeiling[];
  /** The consumers' ceilings added up (a stream counted per shard): their worst case, all backlogged at once. */
  readonly consumersWorstCase: number;
  /** What the API keeps when one service's consumers are all backlogged (the busiest such service). */
  readonly apiKeepsWhenOneServiceIsBusy: number;
  /** What the API keeps when every consumer is backlogged at once (negative: the SQS floors exceed the quota). */
  readonly apiKeepsWhenAllAreBusy: number;
  /** The burst a throttled route may keep (an expensive public route must not take the API's share alone). */
  readonly routeBurstCeiling: number;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
const sourceOf = (t: TriggerDef): string => (t.source.type === 'sqs' ? t.source.queue : t.source.table);

/** The budget's ceiling for a trigger of the app it was made for. */
export const ceilingOf = (budget: ConcurrencyBudget, t: TriggerDef): number => {
  const consumer = budget.consumers.find((c) => c.function === t.function && c.source === sourceOf(t));
  if (!consumer) throw new Error(`No ceiling for '${t.function}' reading '${sourceOf(t)}' in the concurrency budget`);
  return consumer.ceiling;
};

/**
 * Half the quota for the consumers, in equal shares, each within what its mapping accepts and under
 * its manifest bound (a third party's limit); the other half is the API's. Below 2 x the SQS floors
 * (22 with this app's six consumers) the floors win: every SQS consumer gets 2 and the stream 1 per
 * shard, which still leaves the API more than half while any one service is backlogged.
 */
export const concurrencyBudget = (
  triggers: readonly TriggerDef[],
  services: ReadonlyMap<string, string | undefined>,
  quota: number = DEFAULT_ACCOUNT_CONCURRENCY,
): ConcurrencyBudget => {
  if (!Number.isInteger(quota) || quota < 1)
    throw new Error(`The account concurrency must be a positive integer, got ${quota}`);
  const consumerPool = Math.floor(quota / 2);
  const share = triggers.length === 0 ? 0 : Math.floor(consumerPool / triggers.length);
  const consumers = triggers.map((t): ConsumerCeiling => {
    const service = services.get(t.function);
    const source = sourceOf(t);
    if (t.source.type === 'sqs') {
      const bound = Math.min(
        SQS_CONCURRENCY.max,
        (t as { maxConcurrency?: number }).maxConcurrency ?? SQS_CONCURRENCY.max,
      );
      return { function: t.function, source, service, kind: 'sqs', ceiling: clamp(share, SQS_CONCURRENCY.min, bound) };
    }
    return {
      function: t.function,
      source,
      service,
      kind: 'dynamodb-stream',
      ceiling: clamp(share, STREAM_PARALLELIZATION.min, STREAM_PARALLELIZATION.max),
    };
  });
  const total = (list: readonly ConsumerCeiling[]) => list.reduce((sum, c) => sum + c.ceiling, 0);
  const byService = new Map<string | undefined, ConsumerCeiling[]>();
  for (const c of consumers) byService.set(c.service, [...(byService.get(c.service) ?? []), c]);
  const busiest = Math.max(0, ...[...byService.values()].map(total));
  return {
    quota,
    consumerPool,
    consumers,
    consumersWorstCase: total(consumers),
    apiKeepsWhenOneServiceIsBusy: quota - busiest,
    apiKeepsWhenAllAreBusy: quota - total(consumers),
    routeBurstCeiling: Math.max(1, consumerPool),
  };
};

/** The budget of an app's consumers, by service, for the quota (what the stack and the sandbox apply). */
export const appBudget = (
  app: {
    readonly triggers: readonly TriggerDef[];
    readonly functions: readonly Pick<FunctionDef, 'name' | 'service'>[];
  },
  quota: number = DEFAULT_ACCOUNT_CONCURRENCY,
): ConcurrencyBudget => concurrencyBudget(app.triggers, new Map(app.functions.map((f) => [f.name, f.service])), quota);

/**
 * The limits a throttled route gets: the deploy's override where given, else the manifest's, its burst
 * held to the budget's ceiling (at a quota of 10, a burst of sign-ins must not take the whole account).
 */
export const budgetedRouteThrottle = (
  throttle: Throttle,
  budget: Pick<ConcurrencyBudget, 'routeBurstCeiling'>,
  override: Partial<Throttle> = {},
): Throttle => ({
  rateLimit: override.rateLimit ?? throttle.rateLimit,
  burstLimit: override.burstLimit ?? Math.min(throttle.burstLimit, budget.routeBurstCeiling),
});
