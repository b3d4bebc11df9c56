// One circuit breaker for every call to the weather provider, shared by every Lambda through one item of the
// quota table (domain/circuit.ts decides; this keeps the state). While the provider is down, calls stop after
// a few failures instead of hundreds a second: a lookup answers 503 with Retry-After, a bulk chunk goes back
// on the queue until the next probe, and the first answered probe lets everyone through again.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '#shared/dynamodb/conditions.ts';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import { admission, CLOSED, openDuration, type CircuitPolicy, type CircuitState } from '../domain/circuit.ts';
import { ProviderOutageError } from '../errors.ts';

/** What a provider client reports of the call the breaker let through. */
export interface CircuitTicket {
  /** The provider answered: a probe closes the circuit, and a closed one forgets earlier failures. */
  succeeded(): Promise<void>;
  /** The provider failed (5xx, timeout, unreachable): how long calls now wait if the circuit is open. */
  failed(): Promise<number | undefined>;
}

export interface CircuitBreaker {
  /** Lets a call go, or throws ProviderOutageError with how long it must wait. */
  admit(): Promise<CircuitTicket>;
}

/** The breaker's item in the quota table. */
export const CIRCUIT_KEY = { bucket: 'circuit' };
const CLOSED_CONDITION = 'attribute_not_exists(open_until) OR open_until = :zero';
const CLOSED_VALUES = { ':zero': 0 };

export const circuitBreaker = ({ db, table }: TableConfig, policy: CircuitPolicy): CircuitBreaker => {
  const read = async (): Promise<CircuitState> => {
    const { Item } = await db.send(new GetCommand({ TableName: table, Key: CIRCUIT_KEY, ConsistentRead: true }));
    return {
      failures: Number(Item?.failures ?? CLOSED.failures),
      openUntil: Number(Item?.open_until ?? CLOSED.openUntil),
      opens: Number(Item?.opens ?? CLOSED.opens),
      probeUntil: Number(Item?.probe_until ?? CLOSED.probeUntil),
    };
  };
  /** SET `values`, when `condition` holds; false when it does not (another caller changed the state first). */
  const write = async (
    values: Record<string, number>,
    condition?: string,
    conditionValues: Record<string, number> = {},
  ): Promise<boolean> => {
    const names = Object.keys(values);
    try {
      await db.send(
        new UpdateCommand({
          TableName: table,
          Key: CIRCUIT_KEY,
          UpdateExpression: `SET ${names.map((n) => `${n} = :${n}`).join(', ')}`,
          ...(condition ? { ConditionExpression: condition } : {}),
          ExpressionAttributeValues: {
            ...Object.fromEntries(names.map((n) => [`:${n}`, values[n]])),
            ...conditionValues,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  };
  /** The wait the state now asks of every call, if any. */
  const currentWait = async (): Promise<number | undefined> => {
    const now = admission(await read(), Date.now());
    return now.go ? undefined : now.waitMs;
  };
  /** Opens the circuit (if still closed, when not the probe): how long calls now wait. */
  const open = async (opens: number, whileClosed: boolean): Promise<number | undefined> => {
    const waitMs = openDuration(policy, opens);
    const values = { open_until: Date.now() + waitMs, opens, failures: 0, probe_until: 0 };
    const opened = whileClosed ? await write(values, CLOSED_CONDITION, CLOSED_VALUES) : await write(values);
    return opened ? waitMs : currentWait();
  };
  const closed = { open_until: 0, opens: 0, failures: 0, probe_until: 0 };

  return {
    admit: async () => {
      const state = await read();
      const now = Date.now();
      const decision = admission(state, now);
      if (!decision.go) throw new ProviderOutageError(decision.waitMs);
      // Half-open: one caller probes, the rest wait for its answer.
      if (
        decision.probe &&
        !(await write({ probe_until: now + policy.probeMs }, 'probe_until = :seen', { ':seen': state.probeUntil }))
      )
        throw new ProviderOutageError(policy.probeMs);
      return {
        succeeded: async () => {
          if (decision.probe) await write(closed);
          else if (state.failures > 0) await write(closed, CLOSED_CONDITION, CLOSED_VALUES);
        },
        failed: async () => {
          if (decision.probe) return open(state.opens + 1, false);
          const { Attributes } = await db
            .send(
              new UpdateCommand({
                TableName: table,
                Key: CIRCUIT_KEY,
                UpdateExpression: 'ADD failures :one',
                ConditionExpression: CLOSED_CONDITION,
                ExpressionAttributeValues: { ':one': 1, ...CLOSED_VALUES },
                ReturnValues: 'ALL_NEW',
              }),
            )
            .catch((error: unknown) => {
              if (isConditionFailure(error)) return { Attributes: undefined };
              throw error;
            });
          // Opened by another caller meanwhile.
          if (!Attributes) return currentWait();
          return Number(Attributes.failures) >= policy.failures ? open(1, true) : undefined;
        },
      };
    },
  };
};
