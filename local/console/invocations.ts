// The invocations panel's API: the invoker's log (the last LIST_LIMIT), each with its correlation id and
// cold or warm start, one invocation's event, result and log lines, and a server-sent event per new record.
// The log is only read when the console asks (a stream looks for new records every POLL_MS while a page
// is open), so an invocation costs nothing more with the console open than without it.
import { CORRELATION_ATTRIBUTE } from '#shared/correlation.ts';
import type { FunctionLogLine } from '../function-logs.ts';
import type { InvocationRecord } from '../types.ts';
import type { Capture, Payload } from './capture.ts';
import { notFound, type Routes } from './http.ts';

const LIST_LIMIT = 500;
const POLL_MS = 200;
/** A comment line now and then, so that proxies and the browser keep an idle stream open. */
const KEEPALIVE_MS = 15_000;
/** Lines leave a worker through a stream, so the last of them can arrive just after its result. */
const LATE_LINE_MS = 250;

/**
 * A trigger's correlation id (the invoker records an HTTP request's): the one its first record carries,
 * an SQS message attribute or an attribute of the stream record's new image (shared/correlation.ts).
 */
const correlationOf = (payload: Payload | undefined): string | undefined => {
  const event = payload?.event as
    | {
        Records?: {
          messageAttributes?: Record<string, { stringValue?: string }>;
          dynamodb?: { NewImage?: Record<string, { S?: string }> };
        }[];
      }
    | undefined;
  const record = event?.Records?.[0];
  return (
    record?.messageAttributes?.[CORRELATION_ATTRIBUTE]?.stringValue ??
    record?.dynamodb?.NewImage?.[CORRELATION_ATTRIBUTE]?.S
  );
};

/**
 * The outcome as a developer reads it: an HTTP function that answered 4xx/5xx handled its error (Lambda
 * counts it a success); a failed invocation crashed; a batch with failed records reported item failures.
 */
const verdictOf = (record: InvocationRecord, payload: Payload | undefined): string => {
  if (record.outcome === 'error') return 'crash';
  if (record.outcome === 'partial-failure') return 'batch-item-failures';
  const status = (payload?.result as { statusCode?: unknown } | undefined)?.statusCode;
  if (record.outcome === 'success' && typeof status === 'number' && status >= 400) return 'handled-error';
  return record.outcome;
};

/** Powertools Logger's key for the invocation's request id (the invoker's `requestId`). */
const REQUEST_ID_KEY = 'function_request_id';

/**
 * The lines the function printed while the invocation ran (newest lines are last, so the search walks back
 * and stops before the start). A JSON line naming another request or correlation id belongs to a
 * concurrent invocation.
 */
const linesOf = (lines: readonly FunctionLogLine[], record: InvocationRecord, correlationId: string | undefined) => {
  const found: string[] = [];
  const end = record.startedAt + record.durationMs + LATE_LINE_MS;
  const ours = (value: unknown, id: string | undefined) => value === undefined || value === id;
  for (let i = lines.length - 1; i >= 0 && lines[i]!.at >= record.startedAt; i--) {
    const { function: fn, at, text, json } = lines[i]!;
    if (
      fn === record.function &&
      at <= end &&
      ours(json?.[REQUEST_ID_KEY], record.requestId) &&
      ours(json?.[CORRELATION_ATTRIBUTE], correlationId)
    )
      found.push(text);
  }
  return found.reverse();
};

export const invocationRoutes = (
  log: readonly InvocationRecord[],
  capture: Capture,
  lines: readonly FunctionLogLine[],
): Routes => {
  /** The record as the page lists it: its position in the log (a stable id for the stream) and what it derives. */
  const summary = (record: InvocationRecord, index: number) => {
    const initMs = capture.initMsOf(record.requestId);
    const payload = capture.payloadOf(record.requestId);
    return {
      index,
      ...record,
      verdict: verdictOf(record, payload),
      correlationId: record.correlationId ?? correlationOf(payload) ?? null,
      cold: initMs === undefined ? null : initMs !== null,
      initMs: initMs ?? null,
    };
  };

  return {
    'GET /invocations': async () => {
      const from = Math.max(0, log.length - LIST_LIMIT);
      return { items: log.slice(from).map((r, i) => summary(r, from + i)), next: log.length };
    },

    'GET /invocations/stream': async ({ query, req, res }) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.flushHeaders(); // the page's EventSource opens now, not at the first record
      // The page says where its list ends, so nothing recorded between its list and its stream is missed.
      let sent = Math.min(Number(query.get('from') ?? log.length) || 0, log.length);
      let quiet = 0;
      const timer = setInterval(() => {
        quiet += POLL_MS;
        for (; sent < log.length; sent++) {
          res.write(`data: ${JSON.stringify(summary(log[sent]!, sent))}\n\n`);
          quiet = 0;
        }
        if (quiet >= KEEPALIVE_MS) {
          res.write(': keep-alive\n\n');
          quiet = 0;
        }
      }, POLL_MS);
      timer.unref();
      req.on('close', () => clearInterval(timer));
      return undefined;
    },

    // After the stream: a request id is any segment.
    'GET /invocations/{requestId}': async ({ params }) => {
      const index = log.findLastIndex((r) => r.requestId === params.requestId);
      const record = log[index];
      if (!record) throw notFound(`invocation ${params.requestId}`);
      const payload = capture.payloadOf(record.requestId);
      const listed = summary(record, index);
      return {
        ...listed,
        event: payload?.event ?? null,
        result: payload?.result ?? null,
        logs: linesOf(lines, record, listed.correlationId ?? undefined),
      };
    },
  };
};
