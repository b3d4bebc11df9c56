// The queues panel's API: each queue's and DLQ's counts and oldest message, a DLQ's messages, the
// redrive of a DLQ to its source queue (the formulas service's own redrive, which works on any queue with
// a redrive policy) and purges, each confirmed by the queue's name.
import { GetQueueAttributesCommand, PurgeQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { redrive } from '#functions/formulas/app/redrive.ts';
import { deadLetterQueue } from '#functions/formulas/store/dlq.ts';
import { dlqName } from '#model/derive.ts';
import * as z from '#model/zod.ts';
import { AppError } from '#shared/errors.ts';
import { fauxqsInspector, sqsInspector } from '../queue-inspection.ts';
import type { QueueInfo } from '../resources.ts';
import { confirmation, decodeCursor, encodeCursor, notFound, pageSize, type Routes } from './http.ts';

interface Counts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
  /** Age of the oldest message, ms; null when empty or when the endpoint cannot say without receiving. */
  readonly oldestAgeMs: number | null;
}

const COUNT_ATTRIBUTES = {
  visible: 'ApproximateNumberOfMessages',
  inFlight: 'ApproximateNumberOfMessagesNotVisible',
  delayed: 'ApproximateNumberOfMessagesDelayed',
} as const;

/** fauxqs is read in place (exact, and the oldest message's age); another endpoint through the SQS API. */
const countsReader =
  (sqs: SQSClient, fauxqs: FauxqsServer | undefined) =>
  async (name: string, url: string): Promise<Counts> => {
    if (fauxqs) {
      const { ready = [], delayed = [], inflight = [] } = fauxqs.inspectQueue(name)?.messages ?? {};
      const sent = [...ready, ...delayed, ...inflight.map((i) => i.message)].map((m) => m.sentTimestamp);
      return {
        visible: ready.length,
        inFlight: inflight.length,
        delayed: delayed.length,
        oldestAgeMs: sent.length ? Date.now() - Math.min(...sent) : null,
      };
    }
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: Object.values(COUNT_ATTRIBUTES) }),
    );
    const count = (k: keyof typeof COUNT_ATTRIBUTES) => Number(Attributes[COUNT_ATTRIBUTES[k]] ?? 0);
    return { visible: count('visible'), inFlight: count('inFlight'), delayed: count('delayed'), oldestAgeMs: null };
  };

export interface QueueDeps {
  readonly queues: ReadonlyMap<string, QueueInfo>;
  readonly sqs: SQSClient;
  readonly fauxqs: FauxqsServer | undefined;
  /** Physical name of a logical one. */
  readonly name: (logical: string) => string;
}

/** At most this many messages move per redrive request, so that one request ends in bounded time. */
const REDRIVE_MAX = 1000;

export const queueRoutes = ({ queues, sqs, fauxqs, name }: QueueDeps): Routes => {
  const counts = countsReader(sqs, fauxqs);
  const inspector = fauxqs ? fauxqsInspector(fauxqs) : sqsInspector(sqs);
  const queue = (logical: string | undefined): QueueInfo => {
    const info = queues.get(logical ?? '');
    if (!info) throw notFound(`queue ${logical}`);
    return info;
  };

  return {
    'GET /queues': async () => ({
      items: await Promise.all(
        [...queues.values()].map(async (q) => ({
          name: q.def.name,
          fifo: q.def.fifo ?? false,
          maxReceiveCount: q.def.maxReceiveCount,
          visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
          counts: await counts(name(q.def.name), q.url),
          dlq: { name: dlqName(q.def), counts: await counts(name(dlqName(q.def)), q.dlqUrl) },
        })),
      ),
    }),

    /** A page of the DLQ's messages; the cursor is the position of the next (a peek reads the DLQ whole). */
    'GET /queues/{name}/dlq': async ({ params, query }) => {
      const q = queue(params.name);
      const limit = pageSize(query);
      const from = decodeCursor<number>(query.get('cursor')) ?? 0;
      if (!Number.isInteger(from) || from < 0) throw new AppError(400, 'invalid_cursor', 'not a cursor of this list');
      const messages = await inspector.peek(name(dlqName(q.def)), q.dlqUrl);
      const next = from + limit < messages.length ? from + limit : undefined;
      return { items: messages.slice(from, from + limit), total: messages.length, cursor: encodeCursor(next) };
    },

    'POST /queues/{name}/redrive': async ({ params, body }) => {
      const q = queue(params.name);
      await body(confirmation(q.def.name));
      return redrive({ dlq: deadLetterQueue({ sqs, url: q.url }) }, REDRIVE_MAX);
    },

    'POST /queues/{name}/purge': async ({ params, body }) => {
      const q = queue(params.name);
      const { target } = await body(z.extend(confirmation(q.def.name), { target: z.enum(['queue', 'dlq']) }));
      await sqs.send(new PurgeQueueCommand({ QueueUrl: target === 'dlq' ? q.dlqUrl : q.url }));
      return { purged: target === 'dlq' ? dlqName(q.def) : q.def.name };
    },
  };
};
