// Invokes functions for the HTTP server and the event source pollers: applies injected faults and
// Lambda's payload quota, enforces the batch-response rules of event source mappings, and keeps the
// invocation log.
import { randomUUID } from 'node:crypto';
import { LAMBDA_SYNC_PAYLOAD_BYTES } from '#model/constants.ts';
import type { Faults } from './faults.ts';
import type { FunctionPool, InvocationStats } from './runtime/function-pool.ts';
import type { EventSourceKind, InvocationOutcome, InvocationRecord } from './types.ts';

export interface BatchRequest<R> {
  readonly fn: string;
  readonly source: Exclude<EventSourceKind, 'http'>;
  readonly origin: string;
  readonly records: readonly R[];
  /** The id Lambda expects in `batchItemFailures` (messageId / SequenceNumber). */
  readonly idOf: (record: R) => string;
  readonly toEvent: (records: readonly R[]) => unknown;
  readonly reportBatchItemFailures: boolean;
}

/** What ran through the function and what came back, for the sandbox console (the log keeps neither). */
export type PayloadObserver = (
  requestId: string,
  event: unknown,
  outcome: { result?: unknown; error?: string },
) => void;

/** 'all' when the invocation failed as a whole; otherwise the ids to retry (possibly none). */
export type BatchResult = { readonly failed: 'all' } | { readonly failed: ReadonlySet<string> };

/** Shorter waits for an environment are the dispatch itself, not queueing. */
const REPORTED_WAIT_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Lambda refuses a synchronous request or response past its payload quota; the function never sees the request. */
const withinPayloadQuota = (payload: unknown, what: 'Request' | 'Response'): void => {
  const bytes = Buffer.byteLength(JSON.stringify(payload) ?? '');
  if (bytes > LAMBDA_SYNC_PAYLOAD_BYTES)
    throw Object.assign(new Error(`${what} must be smaller than ${LAMBDA_SYNC_PAYLOAD_BYTES} bytes, was ${bytes}`), {
      name: 'RequestEntityTooLargeException',
    });
};

/**
 * Lambda's rule: with ReportBatchItemFailures, `{batchItemFailures:[{itemIdentifier}]}` retries only those
 * records; an identifier that is empty or not in the batch makes the whole batch a failure.
 */
export const parseBatchResponse = (result: unknown, batchIds: ReadonlySet<string>): ReadonlySet<string> | 'invalid' => {
  if (result === null || typeof result !== 'object' || !('batchItemFailures' in result)) return new Set();
  const failures = (result as { batchItemFailures: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return 'invalid';
  const ids = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !batchIds.has(id)) return 'invalid';
    ids.add(id);
  }
  return ids;
};

export class Invoker {
  readonly log: InvocationRecord[] = [];
  private running = 0;

  constructor(
    private readonly pools: ReadonlyMap<string, FunctionPool>,
    private readonly faults: Faults,
    private readonly onRecord: (record: InvocationRecord) => void,
    private readonly onPayload: PayloadObserver = () => undefined,
  ) {}

  get inFlight(): number {
    return this.running;
  }

  /** Synchronous invocation for API Gateway; rejects when the function fails or times out. */
  async invokeHttp(fn: string, routeKey: string, event: unknown): Promise<unknown> {
    const fault = this.faults.takeInvocationFault(fn, [event]);
    const outcome = await this.invoke(fn, event, fault);
    const { requestId } = (event as { requestContext?: { requestId?: string } }).requestContext ?? {};
    this.record({ function: fn, source: 'http', origin: routeKey, correlationId: requestId, ...outcome.record });
    if (outcome.error) throw outcome.error;
    return outcome.result;
  }

  async invokeBatch<R>(request: BatchRequest<R>): Promise<BatchResult> {
    const { fn, records, idOf } = request;
    const withheld = this.faults.takePartialFailures(fn, records);
    const delivered = records.filter((_, i) => !withheld.has(i));
    const withheldIds = records.filter((_, i) => withheld.has(i)).map(idOf);
    const fault = this.faults.takeInvocationFault(fn, delivered);
    const base = { function: fn, source: request.source, origin: request.origin, batchSize: records.length };

    if (delivered.length === 0) {
      this.record({
        ...base,
        outcome: 'partial-failure',
        startedAt: Date.now(),
        durationMs: 0,
        requestId: randomUUID(),
        failedIds: withheldIds,
        injected: true,
      });
      return { failed: new Set(withheldIds) };
    }
    const outcome = await this.invoke(fn, request.toEvent(delivered), fault);
    if (outcome.error) {
      this.record({ ...base, ...outcome.record, failedIds: records.map(idOf) });
      return { failed: 'all' };
    }
    const reported = request.reportBatchItemFailures
      ? parseBatchResponse(outcome.result, new Set(delivered.map(idOf)))
      : new Set<string>();
    if (reported === 'invalid') {
      this.record({
        ...base,
        ...outcome.record,
        outcome: 'error',
        error: 'invalid batchItemFailures response',
        failedIds: records.map(idOf),
      });
      return { failed: 'all' };
    }
    const failed = new Set([...withheldIds, ...reported]);
    const status: InvocationOutcome = failed.size > 0 ? 'partial-failure' : 'success';
    this.record({
      ...base,
      ...outcome.record,
      outcome: status,
      failedIds: [...failed],
      injected: withheld.size > 0 || undefined,
    });
    return { failed };
  }

  private async invoke(fn: string, event: unknown, fault: { kind: string } | undefined) {
    const pool = this.pools.get(fn);
    if (!pool) throw new Error(`unknown function ${fn}`);
    const requestId = randomUUID();
    const started = Date.now();
    const stats: InvocationStats = {};
    // Only waits long enough to notice are reported.
    const scheduling = () => ({
      waitedMs: (stats.waitedMs ?? 0) >= REPORTED_WAIT_MS ? stats.waitedMs : undefined,
      initMs: stats.initMs,
    });
    this.running++;
    try {
      if (fault?.kind === 'throw') throw Object.assign(new Error('Injected fault: throw'), { injected: true });
      if (fault?.kind === 'timeout') {
        await sleep(pool.timeoutMs);
        throw Object.assign(new Error('Injected fault: task timed out'), { injected: true, timeout: true });
      }
      withinPayloadQuota(event, 'Request');
      const result = await pool.invoke(event, requestId, stats);
      withinPayloadQuota(result, 'Response');
      if (fault?.kind === 'throw-after')
        throw Object.assign(new Error('Injected fault: crash after the handler ran'), { injected: true });
      this.onPayload(requestId, event, { result });
      return {
        result,
        record: {
          outcome: 'success' as InvocationOutcome,
          startedAt: started,
          durationMs: Date.now() - started,
          requestId,
          ...scheduling(),
        },
      };
    } catch (error) {
      const e = error as Error & { kind?: string; injected?: boolean; timeout?: boolean };
      const outcome: InvocationOutcome = e.kind === 'timeout' || e.timeout ? 'timeout' : 'error';
      this.onPayload(requestId, event, { error: `${e.name}: ${e.message}` });
      return {
        error: e,
        record: {
          outcome,
          startedAt: started,
          durationMs: Date.now() - started,
          requestId,
          error: `${e.name}: ${e.message}`,
          injected: e.injected,
          ...scheduling(),
        },
      };
    } finally {
      this.running--;
    }
  }

  private record(entry: InvocationRecord): void {
    const clean = Object.fromEntries(
      Object.entries(entry).filter(([, v]) => v !== undefined),
    ) as unknown as InvocationRecord;
    this.log.push(clean);
    this.onRecord(clean);
  }
}
