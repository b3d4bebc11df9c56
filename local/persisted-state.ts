// What a sandbox started with `persist` takes over from its last run, before any event source starts:
// the stream mappings' positions, the S3 notifications not yet sent, and the messages that run had
// received and not yet deleted. Those stay in flight until their visibility timeout (minutes for some
// queues), yet nothing of the last run is running any more: they are made visible at once, as their
// invocation's failure would make them after the timeout. Their receive count stands, so a message that
// keeps failing still reaches its DLQ.
import { join } from 'node:path';
import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FauxqsServer } from 'fauxqs';
import { NotificationOutbox } from './event-sources/notification-outbox.ts';
import { StreamPositions } from './event-sources/stream-positions.ts';
import type { QueueInfo } from './resources.ts';

/** SQS changes at most ten messages' visibility in one call. */
const SQS_BATCH = 10;

const queueName = (url: string): string => url.slice(url.lastIndexOf('/') + 1);

/**
 * One second, not 0: fauxqs 2.4.1 fails to write a change to 0 through to SQLite (a NOT NULL constraint)
 * after it has taken the message out of flight, so the message would vanish until the next restart.
 */
const RELEASE_SECONDS = 1;

const releaseInFlight = async (fauxqs: FauxqsServer, sqs: SQSClient, url: string): Promise<number> => {
  const handles = fauxqs.inspectQueue(queueName(url))?.messages.inflight.map((m) => m.receiptHandle) ?? [];
  let released = 0;
  for (let i = 0; i < handles.length; i += SQS_BATCH) {
    const Entries = handles
      .slice(i, i + SQS_BATCH)
      .map((ReceiptHandle, n) => ({ Id: String(n), ReceiptHandle, VisibilityTimeout: RELEASE_SECONDS }));
    const { Successful = [] } = await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries }));
    released += Successful.length;
  }
  return released;
};

export interface PersistedDeps {
  /** Where the sandbox's state is kept; undefined: in memory, nothing to take over. */
  readonly dataDir: string | undefined;
  /** The embedded SQS; absent with an external endpoint (`persist` does not apply there). */
  readonly fauxqs: FauxqsServer | undefined;
  readonly sqs: SQSClient;
  readonly queues: ReadonlyMap<string, QueueInfo>;
}

export interface Persisted {
  readonly streamPositions: StreamPositions;
  readonly notificationOutbox: NotificationOutbox;
}

const inMemory = (): Persisted => ({
  streamPositions: new StreamPositions(),
  notificationOutbox: new NotificationOutbox(),
});

export const takeOverPersisted = async ({ dataDir, fauxqs, sqs, queues }: PersistedDeps): Promise<Persisted> => {
  if (!dataDir) return inMemory();
  if (!fauxqs) {
    console.log('[sandbox] persist does not apply to an external endpoint: it keeps what it keeps');
    return inMemory();
  }
  const urls = [...queues.values()].flatMap((q) => [q.url, q.dlqUrl]);
  const released = (await Promise.all(urls.map((url) => releaseInFlight(fauxqs, sqs, url)))).reduce((a, b) => a + b, 0);
  if (released > 0) console.log(`[sandbox] ${released} message(s) the last run had in flight are visible again`);
  // fauxqs keeps no FIFO deduplication ids: a send repeated across a restart is not recognised (docs/sandbox.md).
  console.log(`[sandbox] state kept in ${dataDir}; FIFO deduplication windows start empty`);
  return {
    streamPositions: new StreamPositions(join(dataDir, 'stream-positions.json')),
    notificationOutbox: new NotificationOutbox(join(dataDir, 's3-notifications.json')),
  };
};
