// The provider quota's shared state, read for a job's view (domain/job-outlook.ts): the bulk limiter's item
// (store/rate-limiter.ts) and the circuit breaker's (store/circuit-breaker.ts), both in the quota table.
// Read only: a job's view never takes a turn. Eventually consistent reads: an estimate a second old is fine.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableConfig } from '#shared/dynamodb/table.ts';
import type { QuotaState } from '../domain/job-outlook.ts';
import { CIRCUIT_KEY } from './circuit-breaker.ts';
import type { CallerClass } from './rate-limiter.ts';

export interface QuotaStateReader {
  read(): Promise<QuotaState>;
}

const BULK_KEY = { bucket: 'bulk' satisfies CallerClass };

export const quotaStateReader = ({ db, table }: TableConfig): QuotaStateReader => ({
  read: async () => {
    const [bulk, circuit] = await Promise.all(
      [BULK_KEY, CIRCUIT_KEY].map(async (Key) => (await db.send(new GetCommand({ TableName: table, Key }))).Item),
    );
    return {
      tats: (bulk?.tats as Record<string, number> | undefined) ?? {},
      holdUntil: Number(bulk?.hold_until ?? 0),
      circuitOpenUntil: Number(circuit?.open_until ?? 0),
    };
  },
});
