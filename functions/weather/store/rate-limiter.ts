// One limiter for every call to the weather provider, shared by every Lambda: one DynamoDB item per class of
// caller (bulk workers, interactive lookups), each holding its buckets' times (domain/rate-schedule.ts) and
// the provider's last Retry-After. Bulk and interactive callers have buckets of their own, sized to their
// share of each limit: together they never pass the limit, and a bulk import never queues a lookup behind it.
// A turn is taken with a conditional write on the item's version (a concurrent taker makes it read again),
// then waited for; one further away than the caller may wait is not taken, and QuotaWaitError says how long.
import { setTimeout as sleep } from 'node:timers/promises';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '#shared/dynamodb/conditions.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import { buckets, maxWeight, nextTurn, type RateLimit } from '../domain/rate-schedule.ts';
import { QuotaWaitError } from '../errors.ts';

export type CallerClass = 'bulk' | 'interactive';

/** What a provider client asks before each call. */
export interface CallGate {
  /** The largest call (in counted calls: Open-Meteo counts each location) the limits admit. */
  readonly maxWeight: number;
  /** Waits for the turn of a call counting `weight` calls; QuotaWaitError if it is too far away. */
  pass(weight: number): Promise<void>;
  /** The provider asked every caller to wait until `untilMs` (429 with Retry-After). */
  hold(untilMs: number): Promise<void>;
}

/** No limits configured (the sandbox's provider by default): calls go at once. */
export const OPEN_GATE: CallGate = { maxWeight: Number.POSITIVE_INFINITY, pass: async () => {}, hold: async () => {} };

export interface LimiterOptions {
  readonly limits: readonly RateLimit[];
  /** The share of every limit this class of callers may use (provider/config.ts callerShare). */
  readonly share: number;
  readonly caller: CallerClass;
  /** The longest this caller waits for a turn. */
  readonly maxWaitMs: number;
}

interface BucketItem {
  readonly bucket: CallerClass;
  readonly version: number;
  readonly tats: Record<string, number>;
  readonly hold_until: number;
}

const CALLERS: readonly CallerClass[] = ['bulk', 'interactive'];

export const rateLimiter = (
  { db, table }: TableConfig,
  { limits, share, caller, maxWaitMs }: LimiterOptions,
): CallGate => {
  const list = buckets(limits, share);
  return {
    maxWeight: maxWeight(list),
    pass: async (weight) => {
      for (;;) {
        const { Item } = await db.send(
          new GetCommand({ TableName: table, Key: { bucket: caller }, ConsistentRead: true }),
        );
        const item = Item as BucketItem | undefined;
        const now = Date.now();
        const turn = nextTurn(list, item?.tats ?? {}, weight, now, item?.hold_until);
        if (turn.at - now > maxWaitMs) throw new QuotaWaitError(turn.at - now);
        try {
          await db.send(
            new PutCommand({
              TableName: table,
              Item: {
                bucket: caller,
                version: (item?.version ?? 0) + 1,
                tats: turn.tats,
                hold_until: item?.hold_until ?? 0,
              },
              ConditionExpression: item ? 'version = :version' : 'attribute_not_exists(version)',
              ...(item ? { ExpressionAttributeValues: { ':version': item.version } } : {}),
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          // Another caller took a turn in between: read again, a little apart from the others.
          await sleep(Math.random() * 20);
          continue;
        }
        if (turn.at > Date.now()) await sleep(turn.at - Date.now());
        return;
      }
    },
    hold: async (untilMs) => {
      await Promise.all(
        CALLERS.map((bucket) =>
          db
            .send(
              new UpdateCommand({
                TableName: table,
                Key: { bucket },
                UpdateExpression: 'SET hold_until = :until, tats = if_not_exists(tats, :none) ADD version :one',
                ConditionExpression: 'attribute_not_exists(hold_until) OR hold_until < :until',
                ExpressionAttributeValues: { ':until': untilMs, ':none': {}, ':one': 1 },
              }),
            )
            // A later hold is already there.
            .catch((error: unknown) => {
              if (!isConditionFailure(error)) throw error;
            }),
        ),
      );
    },
  };
};
