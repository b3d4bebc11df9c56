// The invocations panel's API: the invoker's log (the last LIST_LIMIT), each with its cold start and
// correlation id, one invocation's event, result and log lines, and a server-sent event per new record.
// The log is only read when the console asks (a stream looks for new records every POLL_MS while a page
// is open), so an invocation costs nothing more with the console than without it.
import type { Capture, Payload } from './capture.ts';
import { notFound, type Routes } from './http.ts';
import type { InvocationRecord } from '../types.ts';

const LIST_LIMIT = 500;
const POLL_MS = 200;
/** A comment line now and then, so that proxies and the browser keep an idle stream open. */
const KEEPALIVE_MS = 15_000;

/** The pool reports cold starts with their init time (the sandbox's environments change, #25); absent: unknown. */
type Logged = InvocationRecord & { readonly initMs?: number };

const CORRELATION_ATTRIBUTE = 'correlation_id';

/**
 * The id a request's log lines share: API Gateway's request id for an HTTP event; for a trigger, the one
 * its first record carries (an SQS message attribute, an attribute of the stream record's new image).
 */
const correlationOf = (payload: Payload | undefined): string | undefined => {
  const event = payload?.event as
    | {
        requestContext?: { requestId?: string };
        Records?: {
          messageAttributes?: Record<string, { stringValue?: string }>;
          dynamodb?: { NewImage?: Record<string, { S?: string }> };
        }[];
      }
    | undefined;
  const record = event?.Records?.[0];
  return (
    event?.requestContext?.requestId ??
    record?.messageAttributes?.[CORRELATION_ATTRIBUTE]?.stringValue ??
    record?.dynamodb?.NewImage?.[CORRELATION_ATTRIBUTE]?.S
  );
};

export const invocationRoutes = (log: readonly Logged[], capture: Capture): Routes => {
  /** The record as the page lists it: its position in the log (a stable id for the stream) and what it derives. */
  const summary = (record: Logged, index: number) => ({
    index,
    ...record,
    cold: record.initMs === undefined ? null : true,
    correlationId: correlationOf(capture.payloadOf(record.requestId)) ?? null,
    detail: capture.payloadOf(record.requestId) !== undefined,
  });

  return {
    'GET /invocations': async () => {
      const from = Math.max(0, log.length - LIST_LIMIT);
      return { items: log.slice(from).map((r, i) => summary(r, from + i)), next: log.length };
    },

    'GET /invocations/stream': async ({ query, req, res }) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
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
      return {
        ...summary(record, index),
        event: payload?.event ?? null,
        result: payload?.result ?? null,
        logs: capture.linesOf(
          record.function,
          record.requestId,
          record.startedAt,
          record.startedAt + record.durationMs,
        ),
      };
    },
  };
};
